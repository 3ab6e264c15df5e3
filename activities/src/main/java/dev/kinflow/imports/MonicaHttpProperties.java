package dev.kinflow.imports;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the calls to Monica.
 *
 * @param httpTimeout        one request: the connection, each read and the wait for the response
 * @param hostGuardPerMinute the in-process second guard per Monica host (the workflow paces first)
 * @param maxResponseSize    a response body larger than this is not read further: that page or contact is a failed
 *                           item ({@code REJECTED}, "response over the size cap"), never buffered whole
 * @param maxPhotoSize       a photo (decoded {@code dataUrl}) larger than this is a failed photo ({@code too_large})
 */
@ConfigurationProperties("kinflow.imports")
public record MonicaHttpProperties(@DefaultValue("30s") Duration httpTimeout,
                                   @DefaultValue("600") int hostGuardPerMinute,
                                   @DefaultValue("20MB") DataSize maxResponseSize,
                                   @DefaultValue("10MB") DataSize maxPhotoSize) {

    public static MonicaHttpProperties defaults() {
        return new MonicaHttpProperties(Duration.ofSeconds(30), 600, DataSize.ofMegabytes(20),
                DataSize.ofMegabytes(10));
    }

    public MonicaHttpProperties withHostGuardPerMinute(int perMinute) {
        return new MonicaHttpProperties(httpTimeout, perMinute, maxResponseSize, maxPhotoSize);
    }

    public MonicaHttpProperties withMaxResponseSize(DataSize size) {
        return new MonicaHttpProperties(httpTimeout, hostGuardPerMinute, size, maxPhotoSize);
    }
}
