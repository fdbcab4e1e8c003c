# Extraction compiled with mypyc (scripts/build_extraction.py): the full image has the C compiler
# the slim one lacks. The package runs its plain Python if this build is missing or stale.
FROM python:3.11 AS extraction
WORKDIR /app
COPY requirements/native.txt ./requirements/native.txt
RUN pip install --no-cache-dir --require-hashes -r requirements/native.txt
COPY claims ./claims
COPY scripts/build_extraction.py ./scripts/build_extraction.py
RUN python scripts/build_extraction.py

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

RUN useradd --create-home --uid 1000 workbench

COPY pyproject.toml README.md ./
COPY requirements/base.txt ./requirements/base.txt
RUN pip install --no-cache-dir --require-hashes -r requirements/base.txt
COPY workbench ./workbench
COPY claims ./claims
COPY templates ./templates
COPY manage.py ./
COPY --from=extraction /app/build/native ./build/native
ENV CLAIMS_EXTRACTION_BUILD_DIR=/app/build/native
RUN pip install --no-cache-dir --no-deps . \
 && DEBUG=False SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
 && mkdir -p /app/var && chown -R workbench /app/var

USER workbench
EXPOSE 8000
CMD ["gunicorn", "workbench.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
