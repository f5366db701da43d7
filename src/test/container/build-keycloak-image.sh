#!/usr/bin/env bash
# Builds a Keycloak image without any container registry: a minimal Debian 12 root filesystem
# with a Java 17 runtime (debootstrap, from Debian's packages) plus the Keycloak distribution
# from Maven Central, imported into the local Docker engine and tagged like the official image,
# so docker-compose.yml runs unchanged. Needs root, debootstrap and a running dockerd.
#
#   build-keycloak-image.sh <keycloak-quarkus-dist-X.Y.Z.zip from Maven Central> <image tag>
#
# Cached: the root filesystem as a tarball under $SMS_OTP_CACHE (default ~/.cache/keycloak-sms-otp),
# and the image itself (skipped when the tag carries this distribution's fingerprint). A tag that
# exists without our label is someone's official image: it is used as it is.
set -euo pipefail

self="$(readlink -f "$0")"
dist_zip="$(readlink -f "${1:?the keycloak-quarkus-dist zip}")"
tag="${2:?image tag, e.g. quay.io/keycloak/keycloak:26.7.3}"
cache="${SMS_OTP_CACHE:-$HOME/.cache/keycloak-sms-otp}"
suite=bookworm
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
label=io.github.smsotp.keycloak-dist
work=""
stage=""
trap 'rm -rf "$work" "$stage"' EXIT

fingerprint="$(cat "$dist_zip" "$self" | sha256sum | cut -c1-16)"

if existing="$(docker image inspect --format "{{ index .Config.Labels \"$label\" }}" "$tag" 2>/dev/null)"; then
  if [ "$existing" = "$fingerprint" ]; then
    echo "image $tag is up to date ($fingerprint)"
    exit 0
  elif [ -z "$existing" ] || [ "$existing" = "<no value>" ]; then
    echo "image $tag exists and was not built here: using it as it is"
    exit 0
  fi
fi

rootfs_tar="$cache/debian-$suite-jre17.tar"
if [ ! -s "$rootfs_tar" ]; then
  mkdir -p "$cache"
  work="$(mktemp -d)"
  echo "debootstrap $suite with openjdk-17-jre-headless from $mirror"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates "$suite" "$work/rootfs" "$mirror"
  # Nothing in the image needs the package caches or documentation.
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"* \
    "$work/rootfs/usr/share/doc" "$work/rootfs/usr/share/man"
  tar -C "$work/rootfs" -cf "$rootfs_tar.partial" .
  mv "$rootfs_tar.partial" "$rootfs_tar"
fi

stage="$(mktemp -d)"
tar -C "$stage" -xf "$rootfs_tar"
# The distribution as Maven Central ships it (python3's zipfile: no unzip needed; it drops modes).
python3 -m zipfile -e "$dist_zip" "$stage/opt"
mv "$stage/opt/"keycloak-* "$stage/opt/keycloak"
chmod +x "$stage/opt/keycloak/bin/"*.sh
mkdir -p "$stage/opt/keycloak/data" "$stage/opt/keycloak/providers"
# Like the official image: user 1000 owns the distribution (start re-augments into lib/quarkus).
chown -R 1000:0 "$stage/opt/keycloak"

tar -C "$stage" -cf - . | docker import \
  --change "ENTRYPOINT [\"/opt/keycloak/bin/kc.sh\"]" \
  --change "USER 1000" \
  --change "WORKDIR /opt/keycloak" \
  --change "ENV LANG=C.UTF-8" \
  --change "EXPOSE 8080 8443 9000" \
  --change "LABEL $label=$fingerprint" \
  - "$tag"
echo "built $tag ($fingerprint)"
