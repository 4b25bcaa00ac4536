SUMMARY = "Eclipse Temurin 17 JRE (headless): the Java runtime of the SECC application"
DESCRIPTION = "Binary OpenJDK 17 runtime from the Adoptium project, without the AWT/X11, sound and \
font libraries that a headless charger controller never loads."

require temurin.inc

TEMURIN_KIND = "jre"
TEMURIN_DIR_SUFFIX = "-jre"
TEMURIN_SHA256:aarch64 = "9dfe4c56463690ae67d22268980d8861eb46b907d7914f8f2e6fc7b25778c8ec"
TEMURIN_SHA256:x86-64 = "0e8088d7a3a7496faba7ac8787db09dc0264c2bc6f568ea8024fd775a783e13c"

COMPATIBLE_HOST = "(aarch64|x86_64).*-linux"

JAVA_HOME = "${libdir}/jvm/temurin-jre-17"

# The application runs headless: the GUI, sound and font libraries would pull X11, ALSA and freetype
# into the image for nothing.
TEMURIN_HEADLESS_DROP = "libawt_xawt.so libjawt.so libsplashscreen.so libjsound.so libfontmanager.so liblcms.so"

do_install() {
    install -d ${D}${JAVA_HOME} ${D}${bindir}
    cp -R --no-preserve=ownership ${S}/. ${D}${JAVA_HOME}/
    for l in ${TEMURIN_HEADLESS_DROP}; do
        rm -f ${D}${JAVA_HOME}/lib/$l
    done
    ln -sf ${JAVA_HOME}/bin/java ${D}${bindir}/java
}

FILES:${PN} = "${JAVA_HOME} ${bindir}/java"
RPROVIDES:${PN} = "java2-runtime"
# Prebuilt by Adoptium: stripped, linked with their own flags, libraries found through $ORIGIN.
INSANE_SKIP:${PN} = "already-stripped ldflags textrel dev-so libdir"
