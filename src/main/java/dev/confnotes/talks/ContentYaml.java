package dev.confnotes.talks;

import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The YAML reader of content files. SafeConstructor builds only maps, lists and scalars; a key given twice
 * is an error (not "the last one wins"); and dates stay text, to be read strictly by
 * {@link java.time.LocalDate#parse}, because YAML's own timestamps roll {@code 2023-13-45} over to 2024-02-14.
 */
final class ContentYaml {

    private ContentYaml() {
    }

    static Yaml reader() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        DumperOptions unused = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(unused), unused, options, new DatesAsText());
    }

    private static final class DatesAsText extends Resolver {

        @Override
        public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
            if (!Tag.TIMESTAMP.equals(tag)) {
                super.addImplicitResolver(tag, regexp, first, limit);
            }
        }
    }
}
