# lexdigest gRPC server image.
#
#   podman build --format docker -t lexdigest .        (docker build -t lexdigest . works too)
#
# BASE_IMAGE must provide `python3` (with the venv module) on PATH: an official slim Python
# image by default, or a locally made one (deploy/container-test builds a Debian one).
#
# Reaching a package index behind a TLS-intercepting proxy: mount the CA bundle read-only for
# the build and name it in PIP_CERT; it is used by the builder stage only and never copied
# into the image:
#   podman build -v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/host-ca.pem:ro \
#       --build-arg PIP_CERT=/etc/ssl/host-ca.pem -t lexdigest .
# PIP_INDEX_URL / PIP_EXTRA_INDEX_URL / PIP_FIND_LINKS / PIP_TRUSTED_HOST build args work the
# same way (a local index or wheel folder goes in as a read-only -v volume too).
#
# The runtime stage has no RUN step on purpose: podman/buildah apply `-v` volumes to every RUN
# of every stage and leave an empty mount point behind in each, so everything that runs
# commands happens in the builder, and the runtime stage only copies the finished venv in.
#
# HEALTHCHECK is kept only in the docker image format (podman/buildah: --format docker).
ARG BASE_IMAGE=python:3.12-slim

# ---------------------------------------------------------------------------------------------
# builder: wheels for the two distributions and every dependency, then an offline install of
# them into the venv the runtime stage takes over (same base image, so the same paths)
# ---------------------------------------------------------------------------------------------
FROM ${BASE_IMAGE} AS builder

# Declared without defaults: an argument that is not passed stays unset for pip.
ARG PIP_CERT
ARG PIP_INDEX_URL
ARG PIP_EXTRA_INDEX_URL
ARG PIP_TRUSTED_HOST
ARG PIP_FIND_LINKS

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_DEFAULT_TIMEOUT=120

WORKDIR /src
COPY client/ client/
COPY server/ server/

# --use-pep517: sdists (docopt, via sumy) build in an isolated environment with their own
# setuptools and wheel, whatever the base image's venv carries.
RUN python3 -m venv /opt/build-venv \
    && /opt/build-venv/bin/pip wheel --no-cache-dir --use-pep517 --wheel-dir /wheels \
        ./client ./server

# The runtime venv gets no pip of its own; the build venv's pip installs into it, offline.
RUN python3 -m venv --without-pip /opt/venv \
    && /opt/build-venv/bin/pip --python /opt/venv/bin/python3 install --no-cache-dir \
        --no-index --find-links=/wheels lexdigest-client lexdigest-server \
    && /opt/venv/bin/lexdigest-server --help > /dev/null \
    && /opt/venv/bin/lexdigest --help > /dev/null

# A fixed numeric user with a name: /etc/passwd and /etc/group of the same base plus one entry.
RUN groupadd --system --gid 10001 lexdigest \
    && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home \
        --shell /usr/sbin/nologin lexdigest

# ---------------------------------------------------------------------------------------------
# runtime
# ---------------------------------------------------------------------------------------------
FROM ${BASE_IMAGE}

ARG VERSION=0.1.0
ARG VCS_REF=unknown

LABEL org.opencontainers.image.title="lexdigest" \
      org.opencontainers.image.description="Extractive, cited digests of news clusters over gRPC" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${VCS_REF}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.vendor="lexdigest"

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH="/opt/venv/bin:${PATH}" \
    HOME=/tmp \
    LEXDIGEST_HOST=0.0.0.0 \
    LEXDIGEST_PORT=50051 \
    LEXDIGEST_METRICS_PORT=9090 \
    LEXDIGEST_WORKERS=0 \
    LEXDIGEST_LOG_LEVEL=info \
    LEXDIGEST_LOG_FORMAT=json \
    LEXDIGEST_GRACE_SECONDS=10
# LEXDIGEST_WORKERS=0: one engine process per CPU the machine has (os.cpu_count(), which does
# not see a CPU quota: set it to the CPU limit where there is one, as deploy/k8s does).
# LEXDIGEST_AUTH_TOKEN and LEXDIGEST_TLS_* are optional and left to the deployment.

COPY --from=builder /etc/passwd /etc/group /etc/
COPY --from=builder /opt/venv /opt/venv

USER 10001:10001
WORKDIR /tmp

EXPOSE 50051 9090

HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["lexdigest", "health", "--target", "127.0.0.1:50051", "--timeout", "2"]

# Exec form: the server is PID 1 and receives SIGTERM itself (health NOT_SERVING, drain, exit 0).
ENTRYPOINT ["lexdigest-server"]
