package dev.kinflow.common.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * JSON strings with a NUL character are refused while the body is read (400): PostgreSQL {@code text} cannot hold
 * one, so letting it through would turn bad input into a database error. (Query parameters get the same rule from
 * the firewall, see {@code SecurityConfig}.)
 */
@Configuration
public class NoNulStrings {

    @Bean
    JsonMapperBuilderCustomizer noNulStringsInRequestBodies() {
        return builder -> builder.addModule(new SimpleModule("no-nul-strings")
                .addDeserializer(String.class, new Deserializer()));
    }

    static final class Deserializer extends StdScalarDeserializer<String> {

        Deserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw context.weirdStringException(value, String.class, "a string must not contain NUL characters");
            }
            return value;
        }
    }
}
