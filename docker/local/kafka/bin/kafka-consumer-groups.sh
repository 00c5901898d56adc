#!/bin/sh
# lists and describes consumer groups (members, lag)
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.consumer.group.ConsumerGroupCommand "$@"
