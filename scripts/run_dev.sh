#!/usr/bin/env bash
# Start the web server and a Celery worker (with the periodic jobs) together; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT=${PORT:-8000}
# The public address in every output (ClaimReview, exports, feeds, webhooks) follows the port
# the server listens on, unless SITE_URL is set (here or in .env).
if [ -z "${SITE_URL:-}" ] && ! grep -qs '^SITE_URL=' .env; then
  export SITE_URL="http://127.0.0.1:$PORT"
fi
VAR=${WORKBENCH_VAR_DIR:-var}
mkdir -p "$VAR"

# The default queue and claim matching's own (settings.CELERY_MATCHING_QUEUE).
QUEUES="${CELERY_QUEUE:-celery},${CELERY_MATCHING_QUEUE:-matching}"
"$BIN/celery" -A workbench worker --beat --schedule "$VAR/celerybeat-schedule" \
  -Q "$QUEUES" --loglevel=INFO --concurrency=2 &
worker=$!
"$BIN/python" manage.py runserver "127.0.0.1:$PORT" &
web=$!

stop() {
  trap - INT TERM EXIT
  kill "$web" "$worker" 2>/dev/null || true
  wait "$web" "$worker" 2>/dev/null || true
}
trap stop INT TERM EXIT
echo "Claim Workbench: http://127.0.0.1:$PORT/  (Ctrl-C stops the server and the worker)"
echo "Public address in outputs (SITE_URL): ${SITE_URL:-from .env}"
wait -n "$web" "$worker"
