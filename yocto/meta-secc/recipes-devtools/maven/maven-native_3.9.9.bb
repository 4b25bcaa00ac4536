SUMMARY = "Apache Maven for the build host: builds the SECC application from source"
HOMEPAGE = "https://maven.apache.org"
LICENSE = "Apache-2.0"
LIC_FILES_CHKSUM = "file://LICENSE;md5=b19a935a3d469164ea1114fc87fc5f73"

# The binary distribution from the Apache archive, pinned by its published SHA-512.
SRC_URI = "https://archive.apache.org/dist/maven/maven-3/${PV}/binaries/apache-maven-${PV}-bin.tar.gz;sha512sum=a555254d6b53d267965a3404ecb14e53c3827c09c3b94b5678835887ab404556bfaf78dcfe03ba76fa2508649dca8531c74bca4d5846513522404d48e8c4ac8b"
# Archives unpack to UNPACKDIR from styhead on, to WORKDIR before.
S = "${@d.getVar('UNPACKDIR') or d.getVar('WORKDIR')}/apache-maven-${PV}"

inherit native

do_configure[noexec] = "1"
do_compile[noexec] = "1"

do_install() {
    install -d ${D}${datadir_native}/maven ${D}${bindir_native}
    cp -R --no-preserve=ownership ${S}/. ${D}${datadir_native}/maven/
    ln -sf ../share/maven/bin/mvn ${D}${bindir_native}/mvn
}
