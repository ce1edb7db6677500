# compose.yaml's part of the cache: the backend is the `balancer` service (nginx spreading
# requests over every app container), and only the app network may purge.
backend default {
    .host = "balancer";
    .port = "8000";
    .first_byte_timeout = 60s;
}

acl purgers {
    "172.30.0.0"/24;  # the `internal` network of compose.yaml: app, worker, scheduler
}
