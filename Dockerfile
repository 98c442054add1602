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
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 keyhold \
 && useradd --system --uid 10001 --gid keyhold --home-dir /var/lib/keyhold --create-home keyhold \
 && mkdir /var/lib/keyhold/data \
 && chown keyhold:keyhold /var/lib/keyhold/data

# The heap follows the container's memory limit; out of memory, the process exits and the
# orchestrator restarts it. G1 is named so that the cache, which fits one collector, is used
# whatever the limits make the JVM choose by itself.
ENV JAVA_OPTS="-XX:+UseG1GC -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    KEYHOLD_JAR=/opt/keyhold/app/keyhold.jar

COPY bin/keyhold bin/keyhold-aot-cache /opt/keyhold/bin/
COPY --from=build /src/target/keyhold.jar /tmp/keyhold.jar
# Trained with the runtime's options, and a heap bound so that a large build machine cannot make a
# cache without compressed pointers, which no container under 32 GiB could use.
RUN JAVA_OPTS="$JAVA_OPTS -Xmx512m" /opt/keyhold/bin/keyhold-aot-cache /tmp/keyhold.jar /opt/keyhold/app \
 && rm /tmp/keyhold.jar

USER keyhold
WORKDIR /var/lib/keyhold
# The embedded database and the generated encryption key; with PostgreSQL, the key only.
VOLUME /var/lib/keyhold/data
# 8000: the API and the console; 9000: health and metrics, for the orchestrator only.
EXPOSE 8000 9000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:9000/actuator/health/readiness || exit 1
ENTRYPOINT ["/opt/keyhold/bin/keyhold"]
