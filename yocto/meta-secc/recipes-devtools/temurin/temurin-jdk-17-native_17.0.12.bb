SUMMARY = "Eclipse Temurin 17 JDK for the build host: compiles the SECC application with Maven"

require temurin.inc

TEMURIN_KIND = "jdk"
TEMURIN_SHA256:aarch64 = "8257de06bf37f0c8f19f8d542e2ab5a4e17db3ca5f29d041bd0b02ab265db021"
TEMURIN_SHA256:x86-64 = "9d4dd339bf7e6a9dcba8347661603b74c61ab2a5083ae67bf76da6285da8a778"

inherit native

COMPATIBLE_HOST = "(aarch64|x86_64).*-linux"

do_install() {
    install -d ${D}${libdir_native}/jvm/temurin-jdk-17
    cp -R --no-preserve=ownership ${S}/. ${D}${libdir_native}/jvm/temurin-jdk-17/
}

SYSROOT_DIRS_NATIVE += "${libdir_native}/jvm"
