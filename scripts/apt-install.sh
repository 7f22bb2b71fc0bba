#!/bin/sh
# Installs one of Debian's packages for the tests when the program it brings is missing, with
# apt-get as root or through sudo (an `apt-get update` only when the install fails without one).
# Used by scripts/ensure-*.sh after they found no program of their own.
#   sh scripts/apt-install.sh <who> <program> <package> <path variable> <purpose>
set -eu
who=$1 program=$2 package=$3 path_var=$4 purpose=$5
if ! command -v apt-get >/dev/null 2>&1; then
  echo "$who: no $program found and no apt-get to install one; install $program and set $path_var" >&2
  exit 1
fi
as_root=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then as_root="sudo"; else
    echo "$who: no $program found; install Debian's $package package (as root) or set $path_var" >&2
    exit 1
  fi
fi
echo "$who: installing Debian's $package package for $purpose" >&2
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get install -y -q "$package" >/dev/null || { $as_root apt-get update -q >/dev/null && $as_root apt-get install -y -q "$package" >/dev/null; }
