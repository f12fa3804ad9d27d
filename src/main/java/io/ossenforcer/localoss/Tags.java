package io.ossenforcer.localoss;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An object's tag set, validated against OSS's limits: at most 10 tags, keys 1..128 and values 0..256 chars. */
final class Tags {
    static final Tags NONE = new Tags(Collections.emptyMap());
    private static final int MAX_TAGS = 10;
    private static final int MAX_KEY = 128;
    private static final int MAX_VALUE = 256;

    private final Map<String, String> tags;

    private Tags(Map<String, String> tags) {
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** Parses the {@code x-oss-tagging} header: URL-query encoded {@code k=v&k2=v2} (a bare {@code k} has value ""). */
    static Tags fromHeader(String header) {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (header.isEmpty()) {
            return NONE;
        }
        for (String pair : header.split("&", -1)) {
            String[] kv = pair.split("=", -1);
            if (kv.length > 2) {
                throw OssError.invalidTag("x-oss-tagging must be key or key=value pairs joined by &: " + header);
            }
            String key;
            String value;
            try {
                key = UriEncoding.decode(kv[0], true);
                value = kv.length == 2 ? UriEncoding.decode(kv[1], true) : "";
            } catch (IllegalArgumentException e) {
                throw OssError.invalidTag("x-oss-tagging is not URL-encoded correctly: " + header);
            }
            put(parsed, key, value);
        }
        return validated(parsed);
    }

    /** Parses a {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>...} body. */
    static Tags fromXml(byte[] body) {
        XmlReader tagSet = XmlReader.parse(body, "Tagging").child("TagSet").orElseThrow(OssError::malformedXml);
        Map<String, String> parsed = new LinkedHashMap<>();
        for (XmlReader tag : tagSet.children("Tag")) {
            put(parsed, tag.text("Key"), tag.child("Value").map(XmlReader::text).orElse(""));
        }
        return validated(parsed);
    }

    private static void put(Map<String, String> tags, String key, String value) {
        if (tags.put(key, value) != null) {
            throw OssError.invalidTag("Tag keys must be unique: " + key);
        }
    }

    private static Tags validated(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw OssError.invalidTag("An object can have at most " + MAX_TAGS + " tags, got " + tags.size());
        }
        tags.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > MAX_KEY) {
                throw OssError.invalidTag("A tag key must be 1.." + MAX_KEY + " characters: " + key);
            }
            if (value.length() > MAX_VALUE) {
                throw OssError.invalidTag("A tag value must be at most " + MAX_VALUE + " characters: " + key);
            }
        });
        return tags.isEmpty() ? NONE : new Tags(tags);
    }

    Map<String, String> asMap() {
        return tags;
    }

    int count() {
        return tags.size();
    }

    byte[] toXml() {
        XmlWriter xml = new XmlWriter().start("Tagging").start("TagSet");
        tags.forEach((key, value) -> xml.start("Tag").element("Key", key).element("Value", value).end());
        return xml.end().end().toBytes();
    }
}
