#!/bin/sh
# lists a broker's API versions; answers only when the broker serves requests (health checks)
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
