#!/usr/bin/env bash
# Builds target/pgparity/, the fast-starting layout of pgparity, from the fat jar:
#
#   src/launcher/build.sh JAVA_HOME FAT_JAR OUT_DIR   ->  OUT_DIR/{pgparity, pgparity.jar, lib/,
#                                                           pgparity.jsa, pgparity.jsa.folder,
#                                                           pgparity.jsa.release}
#
# 1. Spring Boot's extracted layout (java -Djarmode=tools -jar FAT_JAR extract): a plain jar whose
#    manifest names lib/*.jar. The JVM reads classes straight from those jars instead of through
#    the nested-jar loader, and only such a class path can be archived.
# 2. A dynamic class-data-sharing archive (-XX:ArchiveClassesAtExit): the classes one run loads,
#    parsed, verified and laid out once, mapped by every later run. The training run is
#    `pgparity demo --users 100`: a real verify (plan, audit, hash, diff, reports, manifest) of two
#    embedded servers that it starts itself from the binaries in the jar, so it needs no database
#    and no network; about 10 s (killed after 10 min, should it hang). Its exit code (1: the demo's incident is found) does not matter:
#    the JVM writes the archive at any exit. Measured per 100-row verify (CPU s, medians of 5,
#    machine load 7): 3.05 with this training, 3.37 with a verify that fails to connect (context
#    and first step only); Spring Boot's `-Dspring.context.exit=onRefresh` training (context only)
#    measured 0.3 s worse again than the failed connect, in an earlier round.
# 3. The launcher (src/launcher/pgparity), which uses the archive only with the JVM that wrote it
#    (pgparity.jsa.release, a copy of that JVM's release file) in the folder it was written in
#    (pgparity.jsa.folder: Java 17 checks the class path by its exact string).
#
# picocli's classes are Java 5 class files, which Java 17 cannot archive (the "Pre JDK 6 class"
# warnings of the training run, silenced here): they are loaded as usual.
set -euo pipefail

java_home=${1:?usage: build.sh JAVA_HOME FAT_JAR OUT_DIR}
fat_jar=${2:?usage: build.sh JAVA_HOME FAT_JAR OUT_DIR}
out=${3:?usage: build.sh JAVA_HOME FAT_JAR OUT_DIR}
java=$java_home/bin/java
here=$(cd "$(dirname "$0")" && pwd -P)

started=$(date +%s)
rm -rf "$out"
mkdir -p "$out"
# the physical path: the launcher compares it with its own (pwd -P)
out=$(cd "$out" && pwd -P)
"$java" -Djarmode=tools -jar "$fat_jar" extract --destination "$out" >/dev/null
cp "$here/pgparity" "$out/pgparity"
chmod 0755 "$out/pgparity"

work=$(mktemp -d "${TMPDIR:-/tmp}/pgparity-cds-training-XXXXXX")
trap 'rm -rf "$work"' EXIT
# the same options as the launcher (an archive is only used with the class path it was written
# with), a clean environment so no PG* or PGPARITY_* variable of the build host changes the run
set +e
(cd "$work" && timeout 600 env -i PATH="$PATH" HOME="$work" TMPDIR="$work" \
  PGPASSFILE="$work/no-pgpass" \
  "$java" -XX:ArchiveClassesAtExit="$work/pgparity.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -XX:TieredStopAtLevel=1 -jar "$out/pgparity.jar" demo --users 100 --out "$work/out" \
  >"$work/stdout" 2>"$work/stderr")
status=$?
set -e
if [ ! -s "$work/pgparity.jsa" ]; then
  echo "build.sh: the training run (exit $status) wrote no class-data-sharing archive:" >&2
  cat "$work/stdout" "$work/stderr" >&2
  exit 2
fi
# moved in only when complete: a truncated archive crashes the JVM that maps it
mv "$work/pgparity.jsa" "$out/pgparity.jsa"
printf '%s\n' "$out" >"$out/pgparity.jsa.folder"
if [ -f "$java_home/release" ]; then
  cp "$java_home/release" "$out/pgparity.jsa.release"
else
  echo "build.sh: $java_home/release is missing; the launcher will not use the archive" >&2
fi
echo "build.sh: $out (launcher, extracted jar, $(du -m "$out/pgparity.jsa" | cut -f1) MB archive;" \
  "training exit $status, $(( $(date +%s) - started )) s)"
