# calsync-local/jre:17: Debian's OpenJDK 17 runtime on calsync-local/debian, standing in for the official
# eclipse-temurin:17-jre (the same JAVA_HOME, /opt/java/openjdk). Built by scripts/build-local-images.
ARG BASE_IMAGE=calsync-local/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb \
 && mkdir -p /opt/java \
 && ln -s "$(dirname "$(dirname "$(readlink -f /usr/bin/java)")")" /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk LANG=C.UTF-8
ENV PATH=$JAVA_HOME/bin:$PATH
