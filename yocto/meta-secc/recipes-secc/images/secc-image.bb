SUMMARY = "A charger controller image: the SECC service, its configuration and the Java runtime"
LICENSE = "MIT"

IMAGE_INSTALL = "packagegroup-core-boot secc ${SECC_JRE} ${CORE_IMAGE_EXTRA_INSTALL}"
IMAGE_LINGUAS = ""
SECC_JRE ?= "temurin-jre-17"

inherit core-image features_check

REQUIRED_DISTRO_FEATURES = "systemd"
