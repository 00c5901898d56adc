#!/bin/sh
# formats the KRaft storage (the distribution's script of the same name)
exec /opt/kafka/bin/kafka-run-class.sh kafka.tools.StorageTool "$@"
