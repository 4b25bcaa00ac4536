SUMMARY = "SECC firmware application: ISO 15118-20 charger controller with bidirectional power transfer"
DESCRIPTION = "Charger-side ISO 15118-20 (DC, AC, BPT), SLAC, control pilot and power-stage drivers, \
grid safety supervisor. Runs as an unprivileged service with CAP_NET_RAW."
LICENSE = "Apache-2.0"
LIC_FILES_CHKSUM = "file://${COMMON_LICENSE_DIR}/Apache-2.0;md5=89aea4e17d99a7cacdbeed46a0096b10"

# The jar is built by Maven (`mvn -B -ntp package -DskipTests` in the project root) and copied here
# by `yocto/stage-jar.sh`; Java bytecode is architecture independent, so no cross-compilation.
SRC_URI = "file://secc-app.jar \
           file://secc.service \
           file://secc.conf \
           file://policy.conf \
          "
S = "${WORKDIR}"

inherit systemd useradd allarch

# Which JRE package provides /usr/bin/java (17 or newer) depends on the Java layer in use.
SECC_JRE ?= "openjdk-17-jre"
RDEPENDS:${PN} = "${SECC_JRE}"

USERADD_PACKAGES = "${PN}"
GROUPADD_PARAM:${PN} = "--system secc; --system -f gpio; --system -f dialout"
USERADD_PARAM:${PN} = "--system --no-create-home --home-dir /var/lib/secc --shell /sbin/nologin -g secc -G gpio,dialout secc"

SYSTEMD_SERVICE:${PN} = "secc.service"
SYSTEMD_AUTO_ENABLE = "enable"

do_install() {
    install -d ${D}${datadir}/secc ${D}${sysconfdir}/secc ${D}${systemd_system_unitdir}
    install -m 0644 ${WORKDIR}/secc-app.jar ${D}${datadir}/secc/secc-app.jar
    install -m 0644 ${WORKDIR}/secc.service ${D}${systemd_system_unitdir}/secc.service
    install -m 0640 -g secc ${WORKDIR}/secc.conf ${D}${sysconfdir}/secc/secc.conf
    install -m 0640 -g secc ${WORKDIR}/policy.conf ${D}${sysconfdir}/secc/policy.conf
}

CONFFILES:${PN} = "${sysconfdir}/secc/secc.conf ${sysconfdir}/secc/policy.conf"
FILES:${PN} += "${datadir}/secc ${systemd_system_unitdir}/secc.service"
