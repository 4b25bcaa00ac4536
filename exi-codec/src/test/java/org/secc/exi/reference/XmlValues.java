package org.secc.exi.reference;

import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

/** Lexical helpers of the generated XML mapping (EXIficient reference path only). */
public final class XmlValues {
    private static final AttributesImpl NONE = new AttributesImpl();

    private XmlValues() {
    }

    /** An element with simple content; an empty value produces no character event (as SAX reports it). */
    public static void simple(ContentHandler h, String ns, String name, String lexical) throws SAXException {
        h.startElement(ns, name, name, NONE);
        chars(h, lexical);
        h.endElement(ns, name, name);
    }

    public static void chars(ContentHandler h, String s) throws SAXException {
        if (!s.isEmpty()) {
            h.characters(s.toCharArray(), 0, s.length());
        }
    }

    public static String text(Element e) {
        return e.getTextContent();
    }

    /** The element's own text (not its children's), or null when there is none. */
    public static String ownText(Element e) {
        StringBuilder sb = null;
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(c.getNodeValue());
            }
        }
        return sb == null || sb.length() == 0 ? null : sb.toString();
    }

    public static boolean bool(String s) {
        String t = s.trim();
        return t.equals("true") || t.equals("1");
    }

    public static long lng(String s) {
        return Long.parseLong(s.trim());
    }

    public static long ulng(String s) {
        return Long.parseUnsignedLong(s.trim());
    }

    public static BigInteger big(String s) {
        return new BigInteger(s.trim());
    }

    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.trim().toLowerCase(java.util.Locale.ROOT));
    }

    public static byte[] b64(String s) {
        return Base64.getMimeDecoder().decode(s.trim());
    }

    public static <E> E lit(E e, String s) {
        if (e == null) {
            throw new IllegalArgumentException("unknown enumeration literal " + s);
        }
        return e;
    }
}
