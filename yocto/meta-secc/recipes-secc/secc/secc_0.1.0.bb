SUMMARY = "SECC application: ISO 15118-20 charger controller with bidirectional power transfer"
DESCRIPTION = "Charger-side ISO 15118-20 (DC, AC, BPT), SLAC, control pilot, contactor, power-stage, \
grid-meter and insulation-monitor drivers. Runs as the unprivileged user secc with CAP_NET_RAW only."
LICENSE = "Apache-2.0"
LIC_FILES_CHKSUM = "file://LICENSE;md5=3b83ef96387f14655fc854ddc3c6bd57"

# Built from source with Maven: the committed HEAD of the checkout this layer lives in
# (SECC_PROJECT_DIR, set by conf/layer.conf; point it elsewhere or pin SRCREV in local.conf).
SRC_URI = "git://${SECC_PROJECT_DIR};protocol=file;usehead=1;destsuffix=secc-src \
           file://secc.conf \
           file://policy.conf \
           file://secc.service \
           file://secc-cds \
           file://99-secc-gpio.rules \
          "
SRCREV = "${AUTOREV}"
PV = "0.1.0+git"

# Local files unpack to UNPACKDIR from styhead on, to WORKDIR before; the source tree to secc-src/.
SECC_FILES = "${@d.getVar('UNPACKDIR') or d.getVar('WORKDIR')}"
S = "${SECC_FILES}/secc-src"

inherit allarch systemd useradd features_check

REQUIRED_DISTRO_FEATURES = "systemd"

# The build runs Maven on a JDK of this layer; Maven's dependencies and plugins come from Maven
# Central into an offline repository in DL_DIR during do_fetch (the only task with network), and
# do_compile builds with `mvn --offline` from it.
DEPENDS = "temurin-jdk-17-native maven-native"
do_fetch[depends] += "temurin-jdk-17-native:do_populate_sysroot maven-native:do_populate_sysroot"
SECC_MAVEN_REPO = "${DL_DIR}/secc-maven-repository"
SECC_JAVA_HOME = "${STAGING_LIBDIR_NATIVE}/jvm/temurin-jdk-17"
SECC_MAVEN_ARGS = "-B -ntp -Dmaven.repo.local=${SECC_MAVEN_REPO} -DskipTests -pl secc-app -am package"

do_fetch[postfuncs] += "secc_fetch_maven_repository"
# The commit do_unpack checks out: HEAD with AUTOREV, else the SRCREV pinned in local.conf.
SECC_FETCH_REV = "${@'HEAD' if (d.getVar('SRCREV', False) or '').strip() == '$' + '{AUTOREV}' else d.getVar('SRCREV')}"
do_fetch[vardepsexclude] += "SECC_MAVEN_REPO"
secc_fetch_maven_repository() {
    # A scratch copy of the commit being built, and the very build do_compile runs, online: whatever
    # Maven resolves lands in the repository (dependencies, plugins and what the plugins load).
    scratch=$(mktemp -d "${WORKDIR}/secc-mvn-fetch.XXXXXX")
    rev=$(git -C "${SECC_PROJECT_DIR}" rev-parse "${SECC_FETCH_REV}^{commit}")
    git -C "${SECC_PROJECT_DIR}" archive "$rev" | tar -x -C "$scratch"
    mkdir -p "${SECC_MAVEN_REPO}"
    (cd "$scratch" && JAVA_HOME="${SECC_JAVA_HOME}" PATH="${SECC_JAVA_HOME}/bin:$PATH" mvn ${SECC_MAVEN_ARGS})
    rm -rf "$scratch"
}

# The build ends with a start-up run of the jar on loopback (the class list for AppCDS): tasks
# without network run in their own network namespace, where lo starts down.
python secc_loopback_up() {
    bb.utils.enable_loopback_networking()
}
do_compile[prefuncs] += "secc_loopback_up"

do_compile() {
    cd ${S}
    JAVA_HOME="${SECC_JAVA_HOME}" PATH="${SECC_JAVA_HOME}/bin:$PATH" mvn --offline ${SECC_MAVEN_ARGS}
}

# Any package with /usr/bin/java of release 17 or newer: by default this layer's Temurin 17 JRE.
SECC_JRE ?= "temurin-jre-17"
RDEPENDS:${PN} = "${SECC_JRE}"

USERADD_PACKAGES = "${PN}"
# gpio: /dev/gpiochip*, exported PWM channels (99-secc-gpio.rules); dialout: RS-485 Modbus adapters
GROUPADD_PARAM:${PN} = "--system secc; --system -f gpio; --system -f dialout"
USERADD_PARAM:${PN} = "--system --no-create-home --home-dir /var/lib/secc --shell /sbin/nologin \
                       -g secc -G gpio,dialout secc"

SYSTEMD_SERVICE:${PN} = "secc.service"
SYSTEMD_AUTO_ENABLE:${PN} = "enable"

# The powerline modem's interface: network.iface in secc.conf and the device the unit binds to.
SECC_IFACE ?= "eth1"

do_install() {
    install -d ${D}${datadir}/secc ${D}${sysconfdir}/secc ${D}${systemd_system_unitdir} \
               ${D}${nonarch_base_libdir}/udev/rules.d ${D}${docdir}/secc
    install -m 0644 ${S}/secc-app/target/secc-app.jar ${D}${datadir}/secc/secc-app.jar
    install -m 0644 ${S}/secc-app/target/secc-app.classlist ${D}${datadir}/secc/secc-app.classlist
    install -m 0755 ${SECC_FILES}/secc-cds ${D}${datadir}/secc/secc-cds
    install -m 0644 ${S}/LICENSE ${D}${docdir}/secc/LICENSE
    install -m 0644 ${S}/secc-app/target/generated-sources/license/THIRD-PARTY-NOTICES.txt ${D}${docdir}/secc/THIRD-PARTY-NOTICES.txt
    install -m 0644 ${S}/README.md ${D}${docdir}/secc/README.md
    install -m 0640 -g secc ${SECC_FILES}/secc.conf ${D}${sysconfdir}/secc/secc.conf
    install -m 0640 -g secc ${SECC_FILES}/policy.conf ${D}${sysconfdir}/secc/policy.conf
    install -m 0644 ${SECC_FILES}/secc.service ${D}${systemd_system_unitdir}/secc.service
    install -m 0644 ${SECC_FILES}/99-secc-gpio.rules ${D}${nonarch_base_libdir}/udev/rules.d/99-secc-gpio.rules
    sed -i -e 's/^network.iface = .*/network.iface = ${SECC_IFACE}/' ${D}${sysconfdir}/secc/secc.conf
    sed -i -e 's/sys-subsystem-net-devices-eth1\.device/sys-subsystem-net-devices-${SECC_IFACE}.device/g' \
        ${D}${systemd_system_unitdir}/secc.service
}

CONFFILES:${PN} = "${sysconfdir}/secc/secc.conf ${sysconfdir}/secc/policy.conf"
FILES:${PN} += "${datadir}/secc ${systemd_system_unitdir}/secc.service ${nonarch_base_libdir}/udev/rules.d ${docdir}/secc"
