#!/usr/bin/env bash
# Builds the base image of the pgparity container as a `docker save`-format tar, without a Docker
# daemon and without pulling anything: a jlink'ed Java runtime of the build JDK, the few shared
# libraries it links against (copied from the build host, so they are the very builds that JDK
# was compiled and tested against), a non-root user, /tmp and a CA bundle. Jib puts the
# application layers on top of it (see pom.xml, jib-maven-plugin, from.image = tar://...).
#
#   src/image/build-base.sh JAVA_HOME OUT_DIR    ->  OUT_DIR/pgparity-base.tar
#
# The tar is rebuilt only when this script, the JDK, a copied library or the CA certificates
# change (a stamp over them), and its bytes depend on nothing else (fixed times, sorted names,
# numeric owners), so Jib's layer cache and a registry see the same layer digest every build.
set -euo pipefail

java_home=${1:?usage: build-base.sh JAVA_HOME OUT_DIR}
out=${2:?usage: build-base.sh JAVA_HOME OUT_DIR}

# The modules pgparity needs at run time. jdeps over the jar and its libraries
# (jdeps --print-module-deps --ignore-missing-deps --multi-release 17) gives most of them; the
# rest are loaded by name at run time: jdk.crypto.ec (TLS key exchange with ECDHE), and
# java.naming / java.management / java.logging / java.sql / java.xml, which Spring, H2, Logback
# and pgjdbc reach through reflection or service loaders. ImageProcessTests proves the set by
# running verify inside the image.
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management
modules+=,java.naming,java.net.http,java.prefs,java.scripting,java.security.jgss,java.sql
modules+=,java.sql.rowset,java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.net,jdk.unsupported
# java.desktop is there for java.beans only: its native parts for windows, fonts, sound and
# images would pull in X11, freetype and ALSA, so they are left out (headless, never loaded).
exclude='**/libawt_xawt.so,**/libjawt.so,**/libfontmanager.so,**/libjavajpeg.so,**/libjsound.so'
exclude+=',**/liblcms.so,**/libsplashscreen.so,**/bin/jrunscript,**/bin/keytool,**/bin/jfr'

app_uid=10001
fixed_time=@1  # 1970-01-01T00:00:01Z, the time Jib gives its own layers

[ -d "$java_home/jmods" ] || {
  echo "build-base.sh: $java_home/jmods does not exist; jlink needs a full JDK with jmods" \
    "(Debian: openjdk-17-jdk-headless; or set JAVA_HOME to a JDK 17 that has jmods)" >&2
  exit 2
}
for tool in ldd tar sha256sum; do
  command -v "$tool" >/dev/null || {
    echo "build-base.sh: $tool is missing on the build host (Debian: coreutils, tar, libc-bin)" >&2
    exit 2
  }
done

jdk_version=$("$java_home/bin/java" -version 2>&1 | tr '\n' ' ')
# libraries of the host's JDK binaries; the final list comes from the jlink'ed runtime below,
# this is only for the stamp (same JDK + same libraries => same closure)
host_libs=$(ldd "$java_home/lib/server/libjvm.so" "$java_home/bin/java" "$java_home/lib/libzip.so" \
  | awk '/=>/ && $3 ~ /^\// {print $3} /ld-linux/ && !/=>/ {print $1}' | sort -u)
stamp=$( { cat "$0"; echo "$jdk_version"
  for f in $host_libs /etc/ssl/certs/java/cacerts /etc/ssl/certs/ca-certificates.crt; do
    if [ -f "$f" ]; then sha256sum "$(readlink -f "$f")"; fi
  done; } | sha256sum | cut -c1-64)
if [ -f "$out/pgparity-base.tar" ] && [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "build-base.sh: $out/pgparity-base.tar is up to date"
  exit 0
fi

started=$(date +%s)
rm -rf "$out"
mkdir -p "$out"
root="$out/root"
mkdir -p "$root"

"$java_home/bin/jlink" --add-modules "$modules" --exclude-files "$exclude" \
  --strip-debug --no-header-files --no-man-pages --output "$root/opt/java"
# Debian's trust store (ca-certificates-java) is newer than the one inside the JDK's jmods
if [ -f /etc/ssl/certs/java/cacerts ]; then
  cp /etc/ssl/certs/java/cacerts "$root/opt/java/lib/security/cacerts"
fi

# Shared libraries: the closure of every ELF file of the runtime, at the paths ldd resolves
# them to, so the dynamic loader finds them in its default directories without ld.so.cache.
mapfile -t elves < <(find "$root/opt/java" -type f \
  \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper \))
linked=$(ldd "${elves[@]}" 2>/dev/null || true)
# libjvm.so is no miss: the launcher loads it by path first, later lookups match its soname
missing=$(grep 'not found' <<<"$linked" | grep -v 'libjvm\.so' | sort -u \
  | tr -s ' \t\n' ' ' || true)
if [ -n "$missing" ]; then
  echo "build-base.sh: the runtime links against libraries this host lacks: $missing" >&2
  exit 2
fi
mapfile -t libs < <(awk '/=>/ && $3 ~ /^\// && $3 !~ /\/opt\/java\// {print $3}
  /^[ \t]*\/.*ld-linux/ {print $1}' <<<"$linked" | sort -u)
packages=()
for lib in "${libs[@]}"; do
  pkg=""
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
  for candidate in "$lib" "/usr$lib" "$(readlink -f "$lib")"; do
    pkg=$(dpkg-query -S "$candidate" 2>/dev/null | head -1 | cut -d: -f1) && [ -n "$pkg" ] && break
  done
  if [ -n "$pkg" ]; then packages+=("$pkg"); fi
done
# the program interpreter is named by its absolute path inside every ELF binary
if [ ! -e "$root/lib64/ld-linux-x86-64.so.2" ] && [ -e /lib64/ld-linux-x86-64.so.2 ]; then
  mkdir -p "$root/lib64" && cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
fi

# Users, name resolution, CA bundle (for sslrootcert= or a Pushgateway over https)
mkdir -p "$root/etc/ssl/certs" "$root/tmp" "$root/work" "$root/home/pgparity"
cat >"$root/etc/passwd" <<EOF
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
pgparity:x:$app_uid:$app_uid:pgparity:/home/pgparity:/sbin/nologin
EOF
cat >"$root/etc/group" <<EOF
root:x:0:
nogroup:x:65534:
pgparity:x:$app_uid:
EOF
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$root/etc/nsswitch.conf"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$root/etc/hosts"
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
fi
if [ -f /etc/os-release ]; then cp -L /etc/os-release "$root/etc/os-release"; fi
# LANG=C.UTF-8 makes the JVM read and write file names and stdout as UTF-8; glibc needs the
# compiled locale for that (Debian's libc-bin ships it)
if [ -d /usr/lib/locale/C.utf8 ]; then
  mkdir -p "$root/usr/lib/locale" && cp -r /usr/lib/locale/C.utf8 "$root/usr/lib/locale/"
  packages+=(libc-bin)
fi

# What the libraries are, in the layout distroless uses, so image scanners (trivy, grype) see
# the Debian packages and their versions and report their CVEs
if command -v dpkg-query >/dev/null && [ ${#packages[@]} -gt 0 ]; then
  mkdir -p "$root/var/lib/dpkg/status.d"
  for pkg in $(printf '%s\n' "${packages[@]}" | sort -u); do
    dpkg-query -s "$pkg" | grep -v '^Conffiles:\|^ /' >"$root/var/lib/dpkg/status.d/$pkg"
  done
  jre=$(dpkg-query -S "$java_home/lib/server/libjvm.so" 2>/dev/null | head -1 | cut -d: -f1 || true)
  if [ -n "$jre" ]; then
    dpkg-query -s "$jre" | grep -v '^Conffiles:\|^ /' >"$root/var/lib/dpkg/status.d/$jre"
  fi
fi

chmod -R u+rwX,go+rX,go-w "$root"
chmod 1777 "$root/tmp"
chmod 0755 "$root/work"
chmod 0700 "$root/home/pgparity"

# One layer: everything root-owned, except the two folders the user writes to.
layer="$out/layer.tar"
tar_opts=(--sort=name --mtime="$fixed_time" --numeric-owner --format=posix
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime)
(cd "$root" && tar "${tar_opts[@]}" --owner=0 --group=0 --exclude=./work --exclude=./home/pgparity \
  -cf "$layer" ./*)
(cd "$root" && tar "${tar_opts[@]}" --owner="$app_uid" --group="$app_uid" --no-recursion \
  -rf "$layer" ./work ./home/pgparity)
diff_id=$(sha256sum "$layer" | cut -c1-64)

case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
# Jib keeps Env from here and sets User, WorkingDir and Entrypoint itself (pom.xml); they are
# repeated here so the base alone behaves the same.
cat >"$out/config.json" <<EOF
{"architecture":"$arch","os":"linux","created":"1970-01-01T00:00:01Z",\
"config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],\
"User":"$app_uid:$app_uid","WorkingDir":"/work"},\
"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},\
"history":[{"created":"1970-01-01T00:00:01Z","created_by":"src/image/build-base.sh"}]}
EOF
config_id=$(sha256sum "$out/config.json" | cut -c1-64)
mv "$out/config.json" "$out/$config_id.json"
mv "$layer" "$out/$diff_id.tar"
printf '[{"Config":"%s.json","RepoTags":["pgparity-base:local"],"Layers":["%s.tar"]}]\n' \
  "$config_id" "$diff_id" >"$out/manifest.json"
(cd "$out" && tar --sort=name --mtime="$fixed_time" --owner=0 --group=0 --numeric-owner \
  -cf pgparity-base.tar manifest.json "$config_id.json" "$diff_id.tar")
rm -rf "$root" "$out/$diff_id.tar" "$out/$config_id.json" "$out/manifest.json"
echo "$stamp" >"$out/stamp"
echo "build-base.sh: $out/pgparity-base.tar ($(du -m "$out/pgparity-base.tar" | cut -f1) MB," \
  "${#libs[@]} libraries, $(( $(date +%s) - started )) s)"
