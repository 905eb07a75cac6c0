#!/bin/sh
# Prepares the WildFly the build unpacked for the integration tests, once: the demo users, the
# engine's executor threads (server-config/wildfly-eejobs.cli) and a second configuration,
# standalone-eejobs-pg.xml, whose default datasource is PostgreSQL (server-config/wildfly-postgresql.cli).
# Usage: prepare.sh <wildfly home> <postgresql driver jar> <server-config dir>
set -eu
home="$1"; pgjar="$2"; config="$3"
marker="$home/.eejobs-prepared"
[ -f "$marker" ] && exit 0
"$home/bin/add-user.sh" -a -s -u demo -p demo -g jobs-enqueue,jobs-admin
"$home/bin/add-user.sh" -a -s -u producer -p producer -g jobs-enqueue
"$home/bin/add-user.sh" -a -s -u operator -p operator -g jobs-admin
"$home/bin/add-user.sh" -a -s -u viewer -p viewer -g jobs-viewer
"$home/bin/jboss-cli.sh" --file="$config/wildfly-eejobs.cli"
cp "$home/standalone/configuration/standalone-microprofile.xml" "$home/standalone/configuration/standalone-eejobs-pg.xml"
"$home/bin/jboss-cli.sh" -Deejobs.wildfly.config=standalone-eejobs-pg.xml -Deejobs.pgjar="$pgjar" \
    --file="$config/wildfly-postgresql.cli"
touch "$marker"
