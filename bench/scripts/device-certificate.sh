#!/usr/bin/env bash
# The cost of trusting one device certificate: JDK vs Bouncy Castle P-256 verification, and the
# JDK's PKIX trust manager vs Landline's DeviceCertificateTrust. Usage: bench/scripts/device-certificate.sh [JMH args]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
cd "$root"
mvn -B -q -pl bench -am compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -cp "$(cat target/bench.classpath):bench/target/classes" org.openjdk.jmh.Main DeviceCertificateBenchmark "$@"
