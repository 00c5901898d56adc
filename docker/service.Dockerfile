# One image per calsync application, built from the jar of `mvn -B -DskipTests package`:
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=token-service -t calsync/token-service .
# SERVICE: google-emulator, oauth-service, token-service, feed-ingest-service or calendar-writer-service.
# BASE_IMAGE: any Java 17 runtime with bash (the official eclipse-temurin:17-jre by default;
# calsync-local/jre:17 from scripts/build-local-images where no image registry is reachable).
# The context is the repository root; .dockerignore lets only the exec jars and docker/healthcheck in.
ARG BASE_IMAGE=eclipse-temurin:17-jre

# Spring Boot's layers (dependencies, loader, snapshot dependencies, application) as separate image
# layers: a rebuild after a code change ships only the application layer
FROM ${BASE_IMAGE} AS layers
ARG SERVICE
WORKDIR /layers
RUN test -n "${SERVICE}" || { echo "the build argument SERVICE (e.g. token-service) is required" >&2; exit 1; }
COPY ${SERVICE}/target/${SERVICE}-*-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted \
 && rm app.jar

FROM ${BASE_IMAGE}
ARG SERVICE
RUN useradd --system --uid 10001 --gid 0 --no-create-home --home-dir /app calsync
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
COPY docker/healthcheck /usr/local/bin/healthcheck
ENV CALSYNC_SERVICE=${SERVICE}
USER 10001
# ./calsync's API ports: emulator 8089, oauth 8081, token 8082, feed-ingest 8083, calendar-writer 8084;
# Actuator on the API port + 1000 (the emulator: on its one port)
HEALTHCHECK --interval=5s --timeout=5s --start-period=60s --retries=3 CMD ["healthcheck"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "org.springframework.boot.loader.launch.JarLauncher"]
