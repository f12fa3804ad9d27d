package io.ossenforcer.rules;

/** A server-side encryption algorithm a rule can demand, spelled as OSS spells it in {@code x-oss-server-side-encryption}. */
public enum Algorithm {
    /** SSE-OSS: keys managed by OSS. */
    AES256,
    /** SSE-KMS: the default managed CMK, or a named customer master key. */
    KMS,
    /** SSE-OSS with the SM4 national standard cipher. */
    SM4;

    /** The header value OSS uses for this algorithm. */
    public String headerValue() {
        return name();
    }
}
