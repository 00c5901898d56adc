#!/usr/bin/env bash
# Runs one class of the Kafka jars in /opt/kafka/libs: kafka-run-class.sh CLASS [ARGS].
# Honours the launch scripts' variables of Kafka's distribution: KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS,
# KAFKA_OPTS, KAFKA_LOG4J_OPTS (the distribution's scripts are not on Maven Central, the jars are).
set -euo pipefail
class=${1:?usage: kafka-run-class.sh CLASS [ARGS]}
shift
# the tools log warnings only unless KAFKA_LOG4J_OPTS says otherwise; the broker logs at INFO
if [[ $class == kafka.Kafka ]]; then level=INFO; else level=${KAFKA_TOOLS_LOG4J_LOGLEVEL:-WARN}; fi
# shellcheck disable=SC2086 # the *_OPTS variables hold several options
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1} \
  ${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/opt/kafka/config/log4j2.properties -Dcalsync.kafka.log.level=$level} \
  ${KAFKA_OPTS:-} -cp '/opt/kafka/libs/*' "$class" "$@"
