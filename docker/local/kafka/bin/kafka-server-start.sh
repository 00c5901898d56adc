#!/bin/sh
# runs the broker in the foreground: kafka-server-start.sh server.properties (heap 1 GB unless KAFKA_HEAP_OPTS)
KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G} KAFKA_JVM_PERFORMANCE_OPTS=${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExplicitGCInvokesConcurrent} \
  exec /opt/kafka/bin/kafka-run-class.sh kafka.Kafka "$@"
