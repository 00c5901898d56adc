#!/bin/sh
# creates, lists and describes topics
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.TopicCommand "$@"
