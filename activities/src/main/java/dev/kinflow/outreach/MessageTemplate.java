package dev.kinflow.outreach;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.codes.CommentCode;
import com.github.mustachejava.codes.ValueCode;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An outreach message template: Mustache ({@code {{firstName}}}) with plain variables only — no sections, partials
 * or inheritance — and no HTML escaping (messages are plain text). Callers check {@link #variables()} against what
 * each recipient has, so that a missing value is an error, never an empty string in a sent message.
 */
public final class MessageTemplate {

    private static final DefaultMustacheFactory PLAIN_TEXT = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private final Mustache mustache;
    private final Set<String> variables;

    private MessageTemplate(Mustache mustache, Set<String> variables) {
        this.mustache = mustache;
        this.variables = variables;
    }

    /** Compiles a template; a syntax error or a construct other than a plain variable is an {@link OutreachRequestException}. */
    public static MessageTemplate compile(String template) {
        Mustache mustache;
        try {
            mustache = PLAIN_TEXT.compile(new StringReader(template), "outreach-template");
        } catch (MustacheException e) {
            throw new OutreachRequestException("template", "is not a valid template (unbalanced or malformed tag)");
        }
        Set<String> variables = new LinkedHashSet<>();
        // text and the end of the template carry no name; every named code but a value or a comment is logic
        for (Code code : mustache.getCodes()) {
            if (code instanceof ValueCode) {
                variables.add(code.getName());
            } else if (code.getName() != null && !(code instanceof CommentCode)) {
                throw new OutreachRequestException("template",
                        "only {{variable}} placeholders are supported (no sections or partials)");
            }
        }
        return new MessageTemplate(mustache, Set.copyOf(variables));
    }

    public Set<String> variables() {
        return variables;
    }

    /** Renders with these values; every one of {@link #variables()} must be present and non-blank. */
    public String render(Map<String, String> values) {
        StringWriter out = new StringWriter();
        mustache.execute(out, values);
        return out.toString();
    }
}
