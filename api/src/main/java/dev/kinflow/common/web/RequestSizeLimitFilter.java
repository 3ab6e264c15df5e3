package dev.kinflow.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code kinflow.max-request-bytes} with 413: at once when Content-Length says so,
 * or while reading a chunked body. A file upload ({@code multipart/form-data} to {@code POST /api/imports}) may be as
 * large as {@code kinflow.imports.max-file-bytes} plus {@link #MULTIPART_OVERHEAD} for the other parts and framing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    static final long MULTIPART_OVERHEAD = 1024 * 1024;

    private final long defaultLimit;
    private final long uploadLimit;

    public RequestSizeLimitFilter(@Value("${kinflow.max-request-bytes:4194304}") long limit,
                                  @Value("${kinflow.imports.max-file-bytes:52428800}") long maxFileBytes) {
        this.defaultLimit = limit;
        this.uploadLimit = Math.max(limit, maxFileBytes + MULTIPART_OVERHEAD);
    }

    private long limitFor(HttpServletRequest request) {
        String contentType = request.getContentType();
        boolean fileUpload = "POST".equals(request.getMethod()) && "/api/imports".equals(request.getRequestURI())
                && contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
        return fileUpload ? uploadLimit : defaultLimit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            ProblemResponses.write(response, HttpStatus.CONTENT_TOO_LARGE, "Request body exceeds " + limit + " bytes");
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = in.read(buffer, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
