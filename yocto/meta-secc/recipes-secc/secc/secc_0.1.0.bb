SUMMARY = "SECC application: ISO 15118-20 charger controller with bidirectional power transfer"
DESCRIPTION = "Charger-side ISO 15118-20 (DC, AC, BPT), SLAC, control pilot, contactor, power-stage, \
grid-meter and insulation-monitor drivers. Runs as the unprivileged user secc with CAP_NET_RAW only."
# The project has not chosen a license yet; change this (and add LIC_FILES_CHKSUM) when it does.
LICENSE = "CLOSED"

# secc-app.jar is built by Maven outside BitBake and staged into files/ by yocto/stage-jar.sh:
# BitBake's do_compile usually has no network, so Maven could not fetch its plugins and
# dependencies there, and Java bytecode needs no cross-compilation anyway.
SRC_URI = "file://secc-app.jar \
           file://secc.conf \
           file://policy.conf \
           file://secc.service \
           file://99-secc-gpio.rules \
          "

# Local files unpack to UNPACKDIR from styhead on, to WORKDIR before.
SECC_SRC = "${@d.getVar('UNPACKDIR') or d.getVar('WORKDIR')}"
S = "${SECC_SRC}"

inherit allarch systemd useradd

# Any package providing /usr/bin/java of release 17 or newer, e.g. openjdk-17-jre or a
# Temurin JRE from its binary layer; set SECC_JRE in local.conf or a distro conf.
SECC_JRE ?= "openjdk-17-jre"
RDEPENDS:${PN} = "${SECC_JRE}"

USERADD_PACKAGES = "${PN}"
# gpio: /dev/gpiochip*, exported PWM channels (99-secc-gpio.rules); dialout: RS-485 Modbus adapters
GROUPADD_PARAM:${PN} = "--system secc; --system -f gpio; --system -f dialout"
USERADD_PARAM:${PN} = "--system --no-create-home --home-dir /var/lib/secc --shell /sbin/nologin \
                       -g secc -G gpio,dialout secc"

SYSTEMD_SERVICE:${PN} = "secc.service"
SYSTEMD_AUTO_ENABLE:${PN} = "enable"

do_install() {
    install -d ${D}${datadir}/secc ${D}${sysconfdir}/secc ${D}${systemd_system_unitdir} \
               ${D}${nonarch_base_libdir}/udev/rules.d
    install -m 0644 ${SECC_SRC}/secc-app.jar ${D}${datadir}/secc/secc-app.jar
    install -m 0640 -g secc ${SECC_SRC}/secc.conf ${D}${sysconfdir}/secc/secc.conf
    install -m 0640 -g secc ${SECC_SRC}/policy.conf ${D}${sysconfdir}/secc/policy.conf
    install -m 0644 ${SECC_SRC}/secc.service ${D}${systemd_system_unitdir}/secc.service
    install -m 0644 ${SECC_SRC}/99-secc-gpio.rules ${D}${nonarch_base_libdir}/udev/rules.d/99-secc-gpio.rules
}

CONFFILES:${PN} = "${sysconfdir}/secc/secc.conf ${sysconfdir}/secc/policy.conf"
FILES:${PN} += "${datadir}/secc ${systemd_system_unitdir}/secc.service ${nonarch_base_libdir}/udev/rules.d"
