package dev.kinflow.outreach;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheResolver;
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
import java.util.regex.Pattern;

/**
 * An outreach message template: Mustache ({@code {{firstName}}}) with plain variables only — no sections, partials
 * or inheritance — and no HTML escaping (messages are plain text). Callers check {@link #variables()} against what
 * each recipient has, so that a missing value is an error, never an empty string in a sent message.
 * <p>
 * Safe by construction: partial ({@code {{>}}}), parent ({@code {{<}}}) and delimiter-change ({@code {{=}}}) tags are
 * refused before Mustache sees the text; the factory's resolver resolves nothing (no file, classpath or URL is ever
 * read); variable names are plain identifiers (no dotted paths into the values' methods); values are strings (no
 * lambdas). A rendered message longer than {@link #MAX_MESSAGE_LENGTH} is the caller's 400.
 */
public final class MessageTemplate {

    /** The longest message a template may render to, in characters. */
    public static final int MAX_MESSAGE_LENGTH = 2_000;
    private static final Pattern FORBIDDEN_TAG = Pattern.compile("\\{\\{\\s*[<>=]");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,49}");
    private static final MustacheResolver NOTHING = resourceName -> null;

    private static final DefaultMustacheFactory PLAIN_TEXT = new DefaultMustacheFactory(NOTHING) {
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
        if (FORBIDDEN_TAG.matcher(template).find()) {
            throw new OutreachRequestException("template",
                    "partials ({{>…}}), parents ({{<…}}) and delimiter changes ({{=…=}}) are not supported");
        }
        Mustache mustache;
        try {
            mustache = PLAIN_TEXT.compile(new StringReader(template), "outreach-template");
        } catch (MustacheException | UncheckedIOException e) {
            throw new OutreachRequestException("template", "is not a valid template (unbalanced or malformed tag)");
        }
        Set<String> variables = new LinkedHashSet<>();
        // text and the end of the template carry no name; every named code but a value or a comment is logic
        for (Code code : mustache.getCodes()) {
            if (code instanceof ValueCode) {
                if (!VARIABLE.matcher(code.getName()).matches()) {
                    throw new OutreachRequestException("template",
                            "variable names are letters, digits and _ (no dotted paths)");
                }
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
