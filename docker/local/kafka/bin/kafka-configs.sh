#!/bin/sh
# reads and alters broker and topic configs
exec /opt/kafka/bin/kafka-run-class.sh kafka.admin.ConfigCommand "$@"
