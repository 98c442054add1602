# syntax=docker/dockerfile:1
# Keyhold's container image (README "Container image"):
#
#   docker build -t keyhold .
#   docker run -p 8000:8000 -v keyhold-data:/var/lib/keyhold/data keyhold
#
# Stage 1 builds the jar from source with the Maven wrapper; stage 2 is the JRE, the jar laid out
# for the JVM's AOT cache, and that cache, trained in this image by one real run of Keyhold.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true

FROM eclipse-temurin:25-jre
# curl: for the training run's requests and the health check (the JRE image has none).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 keyhold \
 && useradd --system --uid 10001 --gid keyhold --home-dir /var/lib/keyhold --create-home keyhold \
 && mkdir /var/lib/keyhold/data \
 && chown keyhold:keyhold /var/lib/keyhold/data

# The heap follows the container's memory limit; out of memory, the process exits and the
# orchestrator restarts it. The cache fits one collector and compressed pointers: G1 is named so
# that a small limit does not make the JVM pick another collector, and compressed pointers so that
# a large host without a limit does not make the JVM drop them (over 32 GiB of heap it would).
ENV JAVA_OPTS="-XX:+UseG1GC -XX:+UseCompressedOops -XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError" \
    KEYHOLD_JAR=/opt/keyhold/app/keyhold.jar

COPY --chmod=755 bin/keyhold bin/keyhold-aot-cache /opt/keyhold/bin/
# Trained with the runtime's options and a small heap, whatever the build machine has; the built
# jar is only mounted, so that no layer keeps a second copy of it.
RUN --mount=type=bind,from=build,source=/src/target/keyhold.jar,target=/tmp/keyhold.jar \
    JAVA_OPTS="$JAVA_OPTS -Xmx512m" /opt/keyhold/bin/keyhold-aot-cache /tmp/keyhold.jar /opt/keyhold/app

USER keyhold
WORKDIR /var/lib/keyhold
# The embedded database and the generated encryption key; with PostgreSQL, the key only.
VOLUME /var/lib/keyhold/data
# 8000: the API and the console; 9000: health and metrics, for the orchestrator only.
EXPOSE 8000 9000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:9000/actuator/health/readiness || exit 1
ENTRYPOINT ["/opt/keyhold/bin/keyhold"]
