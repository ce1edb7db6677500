#!/bin/sh
# Fill in the upper-case ${NAMES} of an nginx template from the environment, leaving nginx's
# own $lower_case variables alone (compose's nginx image does the same with its templates).
# Refuses when one of them is not set. Usage: deploy/nginx/render.sh TEMPLATE OUTPUT
set -eu
names=$(grep -o '\${[A-Z_]*}' "$1" | sort -u | tr '\n' ' ')
for name in $names; do
    bare=$(echo "$name" | tr -d '${}')
    if [ -z "$(printenv "$bare" || true)" ]; then
        echo "render.sh: $1 needs $bare in the environment" >&2
        exit 1
    fi
done
envsubst "$names" <"$1" >"$2"
