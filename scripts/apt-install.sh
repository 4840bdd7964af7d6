# Sourced by the ensure-*.sh scripts: installs Debian packages as root, or through sudo.
# apt_install WHAT PACKAGE [ALTERNATIVE...]: installs the first package of the list that installs;
# fails, saying how to install WHAT by hand, when this user cannot install packages.
apt_install() {
  local what=$1
  shift
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo="sudo"
    else
      echo "$what is missing and this user cannot install packages; install it with: apt-get install -y $1" >&2
      return 1
    fi
  fi

  echo "$what not found; installing it from Debian's packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  local package
  for package in "$@"; do
    if $sudo apt-get install -y -qq "$package" >/dev/null; then
      return 0
    fi
  done
  return 1
}
