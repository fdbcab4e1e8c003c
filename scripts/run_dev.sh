#!/usr/bin/env bash
# Start the web server and a Celery worker (with the periodic jobs) together; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT=${PORT:-8000}
VAR=${WORKBENCH_VAR_DIR:-var}
mkdir -p "$VAR"

"$BIN/celery" -A workbench worker --beat --schedule "$VAR/celerybeat-schedule" \
  --loglevel=INFO --concurrency=2 &
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
wait -n "$web" "$worker"
