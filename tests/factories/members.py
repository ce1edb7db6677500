import datetime

import factory

from members.choices import Gender, Status
from members.models import Member
from tests.factories.organisation import UnitFactory


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    code = factory.Sequence(lambda n: f"M{n:05d}")
    full_name = factory.Sequence(lambda n: f"Lò Thị {chr(65 + n % 26)}")
    date_of_birth = datetime.date(2003, 3, 12)
    gender = Gender.FEMALE
    ethnicity = "Thái"
    chapter = factory.SubFactory(UnitFactory)
    joined_on = datetime.date(2018, 3, 26)
    status = Status.ACTIVE
