package io.keyhold.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A {@code multipart/form-data} body written byte by byte, the way browsers and Postman send one. */
public final class MultipartForm {

    public static final String BOUNDARY = "----KeyholdFormBoundary7MA4YWxkTrZu0gW";

    private final ByteArrayOutputStream parts = new ByteArrayOutputStream();

    public static MultipartForm of(Map<String, String> fields) {
        var form = new MultipartForm();
        fields.forEach(form::field);
        return form;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    public MultipartForm field(String name, String value) {
        return part(
                "Content-Disposition: form-data; name=\"" + name + "\"\r\n", value.getBytes(StandardCharsets.UTF_8));
    }

    /** A field whose part declares its own charset, as some clients send non-UTF-8 text. */
    public MultipartForm field(String name, String value, Charset charset) {
        return part(
                "Content-Disposition: form-data; name=\"" + name + "\"\r\nContent-Type: text/plain; charset="
                        + charset.name() + "\r\n",
                value.getBytes(charset));
    }

    public MultipartForm file(String name, String filename, byte[] content) {
        return part(
                "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                        + "\"\r\nContent-Type: application/octet-stream\r\n",
                content);
    }

    /** The whole body, closing delimiter included. */
    public byte[] bytes() {
        return concat(parts.toByteArray(), ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The parts without the closing delimiter, cut after {@code length} bytes at most. */
    public byte[] truncated(int length) {
        byte[] open = parts.toByteArray();
        byte[] cut = new byte[Math.min(length, open.length)];
        System.arraycopy(open, 0, cut, 0, cut.length);
        return cut;
    }

    private MultipartForm part(String headers, byte[] content) {
        parts.writeBytes(("--" + BOUNDARY + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        parts.writeBytes(content);
        parts.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
