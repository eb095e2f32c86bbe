#!/usr/bin/env bash
# Reruns every benchmark of openai-bench and writes BENCHMARKS.md at the repository root.
#
#   openai-bench/run.sh            the full run (about 12 minutes on 2 cores)
#   openai-bench/run.sh --quick    short windows, to check the harness (numbers not meaningful)
#
# BENCH_JVM_EXTRA adds flags to the harness JVMs, BENCH_SCENARIOS (e.g. "AC") narrows the throughput scenarios.
# BENCH_BUILD=am (default) builds openai-core, openai-chat and openai-embeddings with the bench; BENCH_BUILD=bench
# builds only the bench (siblings from ~/.m2); BENCH_BUILD=none reuses target/. BENCH_CLIENTS narrows the clients,
# BENCH_SKIP (letters from "TDEJ": throughput, D, E, JMH) skips parts.
#
# nginx serves the canned payloads on a free loopback port with a config written to target/nginx; it is stopped on
# exit, whatever happens.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
T="$HERE/target"
QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1
CLIENTS="${BENCH_CLIENTS:-ours-cio ours-java ours-okhttp openai-java openai-kotlin}"
SKIP="${BENCH_SKIP:-}"
START=$(date +%s)
mkdir -p "$HERE/target"
MVN="$ROOT/mvnw"

if ! command -v nginx >/dev/null 2>&1; then
  echo "installing nginx"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
fi
NGINX="$(command -v nginx)"

case "${BENCH_BUILD:-am}" in
  am) (cd "$ROOT" && "$MVN" -q -pl openai-bench -am install -DskipTests) ;;
  bench) (cd "$ROOT" && "$MVN" -q -pl openai-bench package -DskipTests) ;;
  none) ;;
esac
CP="$T/classes:$(cat "$T/classpath.txt")"

# E: each client's own runtime classpath, from a tiny pom per client.
if [[ "$SKIP" != *E* ]]; then
  for c in ours openai-java openai-kotlin; do
    "$MVN" -q -f "$HERE/cold/$c/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$T/cold-$c.classpath" >/dev/null
  done
fi

rm -rf "$T/www" "$T/nginx" "$T/results.tsv"
uptime | sed "s/.*load average: //" > "$T/load.txt"
mkdir -p "$T/nginx/tmp"
java -cp "$CP" dev.openai4k.bench.PayloadsKt "$T/www"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
SERVER="http://127.0.0.1:$PORT"
cat > "$T/nginx/nginx.conf" <<CONF
worker_processes 1;
worker_rlimit_nofile 65536;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log warn;
events { worker_connections 16384; multi_accept on; }
http {
  access_log off;
  client_body_temp_path $T/nginx/tmp/body;
  proxy_temp_path $T/nginx/tmp/proxy;
  fastcgi_temp_path $T/nginx/tmp/fastcgi;
  uwsgi_temp_path $T/nginx/tmp/uwsgi;
  scgi_temp_path $T/nginx/tmp/scgi;
  keepalive_requests 10000000;
  keepalive_timeout 300s;
  sendfile on;
  tcp_nodelay on;
  open_file_cache max=64;
  client_body_buffer_size 64k;
  server {
    listen 127.0.0.1:$PORT backlog=4096;
    root $T/www;
    # The static handler refuses POST with 405; this serves the file instead (the redirect is a GET).
    error_page 405 =200 \$uri;
    location /v1/ { default_type application/json; }
    location /b64/ { default_type application/json; }
    location /stream/ { default_type text/event-stream; }
    # 100 events of 320 bytes, one per write, 5 ms apart: nginx waits bytes_sent / limit_rate after each write.
    location /paced/ { default_type text/event-stream; limit_rate 64000; sendfile_max_chunk 320; postpone_output 0; }
  }
}
CONF
ulimit -n 65536 || true
"$NGINX" -c "$T/nginx/nginx.conf" -p "$T/nginx"
stop_nginx() {
  if [[ -f "$T/nginx/nginx.pid" ]]; then
    kill "$(cat "$T/nginx/nginx.pid")" 2>/dev/null || true
    for _ in $(seq 50); do [[ -f "$T/nginx/nginx.pid" ]] || break; sleep 0.1; done
  fi
}
trap stop_nginx EXIT
for _ in $(seq 50); do curl -s -o /dev/null "$SERVER/v1/chat/completions" && break; sleep 0.1; done

JVM=(-Xms512m -Xmx2g -XX:+UseG1GC)
# BENCH_JVM_EXTRA adds JVM flags to the harness JVMs (say, a JFR recording); BENCH_SCENARIOS narrows A/B/C/F.
read -r -a EXTRA <<< "${BENCH_JVM_EXTRA:-}"
JVM+=("${EXTRA[@]}")
if [[ $QUICK == 1 ]]; then
  KNOBS=(-Dbench.windows=1 -Dbench.windowMs=1000 -Dbench.warmMinMs=1000 -Dbench.warmMaxMs=2000 -Dbench.streamRuns=2
         -Dbench.dRounds=1 -Dbench.coldRuns=1)
  JMH=(-wi 1 -w 1 -i 1 -r 1 -f 1)
else
  KNOBS=()
  JMH=(-wi 3 -w 2 -i 3 -r 2 -f 1)
fi
RESULTS="$T/results.tsv"
: > "$RESULTS"

if [[ "$SKIP" != *T* ]]; then
  for c in $CLIENTS; do
    echo "== throughput: $c"
    java "${JVM[@]}" "${KNOBS[@]}" -cp "$CP" dev.openai4k.bench.HarnessKt throughput "$c" "$SERVER" "$RESULTS" ${BENCH_SCENARIOS:-} \
      || echo -e "$c\tALL\tcrashed\t1" >> "$RESULTS"
  done
fi
if [[ "$SKIP" != *D* ]]; then
  for c in $CLIENTS; do
    echo "== concurrent streams: $c"
    java "${JVM[@]}" "${KNOBS[@]}" -cp "$CP" dev.openai4k.bench.HarnessKt streams "$c" "$SERVER" "$RESULTS" \
      || echo -e "$c\tD\tcrashed\t1" >> "$RESULTS"
  done
fi
if [[ "$SKIP" != *E* ]]; then
  echo "== cold start"
  java "${KNOBS[@]}" -cp "$CP" dev.openai4k.bench.ColdStartKt "$SERVER" "$RESULTS" "$T/classes" \
    "ours-java=dev.openai4k.bench.cold.ColdOursKt=$T/cold-ours.classpath" \
    "openai-java=dev.openai4k.bench.cold.ColdOpenAIJava=$T/cold-openai-java.classpath" \
    "openai-kotlin=dev.openai4k.bench.cold.ColdOpenAIKotlinKt=$T/cold-openai-kotlin.classpath"
fi
stop_nginx
trap - EXIT

rm -f "$T/jmh.csv"
if [[ "$SKIP" != *J* ]]; then
  echo "== JMH"
  java -cp "$CP" org.openjdk.jmh.Main "${JMH[@]}" -prof gc -rf csv -rff "$T/jmh.csv" 'dev.openai4k.bench.jmh.*' \
    > "$T/jmh.log" 2>&1 || echo "JMH failed, see $T/jmh.log"
fi

CMD="openai-bench/run.sh${1:+ $1}"
java -cp "$CP" dev.openai4k.bench.ReportKt "$RESULTS" "$T/jmh.csv" "$ROOT/BENCHMARKS.md" "$CMD" "$(( $(date +%s) - START ))" "$QUICK"
echo "wrote $ROOT/BENCHMARKS.md"
