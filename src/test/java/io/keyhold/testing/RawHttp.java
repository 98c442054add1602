package io.keyhold.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP spoken over a plain socket, for the requests {@code java.net.http} refuses to send, such as
 * one with a {@code Host} header of the test's choosing. HTTP/1.0, so the answer is never chunked
 * and ends when the server closes the connection.
 */
public final class RawHttp {

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** Sends {@code method path} with these headers (a {@code Host} among them) and this body. */
    public ApiResponse send(String method, String path, Map<String, String> headers, String body) {
        var request = new StringBuilder(method + " " + path + " HTTP/1.0\r\n");
        headers.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        var all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }

    private static ApiResponse parse(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        int endOfHead = text.indexOf("\r\n\r\n");
        String[] head = text.substring(0, endOfHead).split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.computeIfAbsent(head[i].substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(head[i].substring(colon + 1).trim());
        }
        return new ApiResponse(status, HttpHeaders.of(headers, (name, value) -> true), text.substring(endOfHead + 4));
    }
}
