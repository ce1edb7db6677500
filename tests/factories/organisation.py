import factory
from django.contrib.auth import get_user_model

from organisation.models import Role, Unit, UnitKind, UnitRole


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Lò Văn"
    last_name = factory.Sequence(lambda n: f"Thành {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.invalid")
    password = factory.django.Password("password")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Chi đoàn K{n}")
    code = factory.Sequence(lambda n: f"U{n}")
    kind = UnitKind.CHAPTER


class UnitRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitRole

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Role.EDITOR
