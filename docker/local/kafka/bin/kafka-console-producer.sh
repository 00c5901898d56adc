#!/bin/sh
# writes lines from standard input as records
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.ConsoleProducer "$@"
