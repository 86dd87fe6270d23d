/*
 * CI-only Elasticsearch module for .ci/run.
 *
 * Maven Central carries Elasticsearch only as the "integ-test-zip" distribution,
 * which ships the server core and four modules (apm, transport-netty4,
 * x-pack-core, x-pack-security). It lacks the analysis-common module (where the
 * asciifolding / ngram / edge_ngram filters and most tokenizers live) and the
 * rest-root module (GET / and HEAD /, used by client ping() and info()).
 *
 * This module fills those gaps for the project's tests, using the Lucene
 * analysis classes that already ship in the zip's lib/ folder. It is compiled
 * by .ci/run against that lib/ folder and installed into modules/ of the
 * unpacked CI copy only. Parameters follow the Elasticsearch reference docs.
 */
package portalci;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.classic.ClassicTokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.UpperCaseFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.IndexVersion;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

import java.io.IOException;
import java.io.Reader;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

public final class PortalCiShimPlugin extends Plugin implements AnalysisPlugin, ActionPlugin {

    private volatile ClusterService clusterService;

    @Override
    public Collection<?> createComponents(PluginServices services) {
        clusterService = services.clusterService();
        return List.of();
    }

    // ------------------------------------------------------------------ token filters

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> m = new TreeMap<>();
        m.put("asciifolding", (is, env, name, s) -> new AsciiFolding(name, s));
        m.put("ngram", (is, env, name, s) -> new NGramFilter(is, name, s));
        m.put("edge_ngram", (is, env, name, s) -> new EdgeNGramFilter(name, s));
        m.put("uppercase", (is, env, name, s) -> new Normalizing(name, s, UpperCaseFilter::new));
        m.put("trim", (is, env, name, s) -> new Normalizing(name, s, TrimFilter::new));
        m.put("reverse", (is, env, name, s) -> new Simple(name, s, ReverseStringFilter::new));
        m.put("porter_stem", (is, env, name, s) -> new Simple(name, s, PorterStemFilter::new));
        m.put("kstem", (is, env, name, s) -> new Simple(name, s, KStemFilter::new));
        m.put("snowball", (is, env, name, s) -> snowball(name, s, s.get("language", "English")));
        m.put("stemmer", (is, env, name, s) -> stemmer(name, s));
        return m;
    }

    static final class Simple extends AbstractTokenFilterFactory {
        private final java.util.function.Function<TokenStream, TokenStream> f;

        Simple(String name, Settings s, java.util.function.Function<TokenStream, TokenStream> f) {
            super(name, s);
            this.f = f;
        }

        @Override
        public TokenStream create(TokenStream in) {
            return f.apply(in);
        }
    }

    static final class Normalizing extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final java.util.function.Function<TokenStream, TokenStream> f;

        Normalizing(String name, Settings s, java.util.function.Function<TokenStream, TokenStream> f) {
            super(name, s);
            this.f = f;
        }

        @Override
        public TokenStream create(TokenStream in) {
            return f.apply(in);
        }
    }

    static final class AsciiFolding extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final boolean preserveOriginal;

        AsciiFolding(String name, Settings s) {
            super(name, s);
            preserveOriginal = s.getAsBoolean("preserve_original", false);
        }

        @Override
        public TokenStream create(TokenStream in) {
            return new ASCIIFoldingFilter(in, preserveOriginal);
        }

        @Override
        public TokenStream normalize(TokenStream in) {
            // a normalizer must yield exactly one token per input token
            return new ASCIIFoldingFilter(in, false);
        }
    }

    static void checkNgramDiff(IndexSettings is, int min, int max) {
        int allowed = is.getMaxNgramDiff();
        if (max - min > allowed) {
            throw new IllegalArgumentException(
                "The difference between max_gram and min_gram in NGram Tokenizer must be less than or equal to: ["
                    + allowed + "] but was [" + (max - min) + "]. This limit can be set by changing the ["
                    + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting."
            );
        }
    }

    static final class NGramFilter extends AbstractTokenFilterFactory {
        private final int min, max;
        private final boolean preserveOriginal;

        NGramFilter(IndexSettings is, String name, Settings s) {
            super(name, s);
            min = s.getAsInt("min_gram", 1);
            max = s.getAsInt("max_gram", 2);
            preserveOriginal = s.getAsBoolean("preserve_original", false);
            checkNgramDiff(is, min, max);
        }

        @Override
        public TokenStream create(TokenStream in) {
            return new NGramTokenFilter(in, min, max, preserveOriginal);
        }
    }

    static final class EdgeNGramFilter extends AbstractTokenFilterFactory {
        private final int min, max;
        private final boolean preserveOriginal, back;

        EdgeNGramFilter(String name, Settings s) {
            super(name, s);
            min = s.getAsInt("min_gram", 1);
            max = s.getAsInt("max_gram", 2);
            preserveOriginal = s.getAsBoolean("preserve_original", false);
            String side = s.get("side", "front");
            if (side.equals("front") == false && side.equals("back") == false) {
                throw new IllegalArgumentException("invalid side: " + side);
            }
            back = side.equals("back");
        }

        @Override
        public TokenStream create(TokenStream in) {
            if (back) {
                return new ReverseStringFilter(new EdgeNGramTokenFilter(new ReverseStringFilter(in), min, max, preserveOriginal));
            }
            return new EdgeNGramTokenFilter(in, min, max, preserveOriginal);
        }
    }

    static TokenFilterFactory snowball(String name, Settings s, String language) {
        String cls = "org.tartarus.snowball.ext." + language + "Stemmer";
        try {
            Class.forName(cls, false, PortalCiShimPlugin.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("[" + name + "] unknown snowball language [" + language + "]");
        }
        return new Simple(name, s, in -> new SnowballFilter(in, language));
    }

    static TokenFilterFactory stemmer(String name, Settings s) {
        String lang = s.get("language", s.get("name", "english")).toLowerCase(Locale.ROOT);
        switch (lang) {
            case "english":
            case "porter":
                return new Simple(name, s, PorterStemFilter::new);
            case "light_english":
            case "kstem":
                return new Simple(name, s, KStemFilter::new);
            default:
                // other languages: the matching Snowball stemmer, if Lucene ships one
                String snow = lang.startsWith("light_") || lang.startsWith("minimal_") ? lang.substring(lang.indexOf('_') + 1) : lang;
                return snowball(name, s, Character.toUpperCase(snow.charAt(0)) + snow.substring(1));
        }
    }

    // ------------------------------------------------------------------ tokenizers

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> m = new TreeMap<>();
        m.put("keyword", (is, env, name, s) -> tokenizer(is, s, name, () -> new KeywordTokenizer(s.getAsInt("buffer_size", 256))));
        m.put("whitespace", (is, env, name, s) -> {
            int max = s.getAsInt("max_token_length", 255);
            return tokenizer(is, s, name, () -> new WhitespaceTokenizer(max));
        });
        m.put("letter", (is, env, name, s) -> tokenizer(is, s, name, LetterTokenizer::new));
        m.put("lowercase", (is, env, name, s) -> tokenizer(is, s, name, LowerCaseLetterTokenizer::new));
        m.put("classic", (is, env, name, s) -> {
            int max = s.getAsInt("max_token_length", 255);
            return tokenizer(is, s, name, () -> {
                ClassicTokenizer t = new ClassicTokenizer();
                t.setMaxTokenLength(max);
                return t;
            });
        });
        m.put("uax_url_email", (is, env, name, s) -> {
            int max = s.getAsInt("max_token_length", 255);
            return tokenizer(is, s, name, () -> {
                UAX29URLEmailTokenizer t = new UAX29URLEmailTokenizer();
                t.setMaxTokenLength(max);
                return t;
            });
        });
        m.put("pattern", (is, env, name, s) -> {
            String regex = s.get("pattern", "\\W+");
            String flags = s.get("flags", "");
            int group = s.getAsInt("group", -1);
            Pattern p = Pattern.compile(regex, parseRegexFlags(flags));
            return tokenizer(is, s, name, () -> new PatternTokenizer(p, group));
        });
        m.put("ngram", (is, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            checkNgramDiff(is, min, max);
            IntPredicate chars = tokenChars(s);
            return tokenizer(is, s, name, () -> chars == null ? new NGramTokenizer(min, max) : new NGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int c) {
                    return chars.test(c);
                }
            });
        });
        m.put("edge_ngram", (is, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            IntPredicate chars = tokenChars(s);
            return tokenizer(is, s, name, () -> chars == null ? new EdgeNGramTokenizer(min, max) : new EdgeNGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int c) {
                    return chars.test(c);
                }
            });
        });
        return m;
    }

    static TokenizerFactory tokenizer(IndexSettings is, Settings s, String name, Supplier<Tokenizer> supplier) {
        return new AbstractTokenizerFactory(is, s, name) {
            @Override
            public Tokenizer create() {
                return supplier.get();
            }
        };
    }

    static int parseRegexFlags(String flags) {
        int result = 0;
        for (String f : flags.split("\\|")) {
            f = f.trim();
            if (f.isEmpty()) continue;
            try {
                result |= Pattern.class.getField(f).getInt(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("Unknown regex flag [" + f + "]");
            }
        }
        return result;
    }

    /** token_chars / custom_token_chars of the (edge_)ngram tokenizers; null means "every character". */
    static IntPredicate tokenChars(Settings s) {
        List<String> classes = s.getAsList("token_chars");
        if (classes == null || classes.isEmpty()) {
            return null;
        }
        IntPredicate result = c -> false;
        for (String raw : classes) {
            String cls = raw.toLowerCase(Locale.ROOT).trim();
            IntPredicate p;
            switch (cls) {
                case "letter":
                    p = Character::isLetter;
                    break;
                case "digit":
                    p = Character::isDigit;
                    break;
                case "whitespace":
                    p = Character::isWhitespace;
                    break;
                case "punctuation":
                    p = c -> {
                        switch (Character.getType(c)) {
                            case Character.CONNECTOR_PUNCTUATION:
                            case Character.DASH_PUNCTUATION:
                            case Character.START_PUNCTUATION:
                            case Character.END_PUNCTUATION:
                            case Character.INITIAL_QUOTE_PUNCTUATION:
                            case Character.FINAL_QUOTE_PUNCTUATION:
                            case Character.OTHER_PUNCTUATION:
                                return true;
                            default:
                                return false;
                        }
                    };
                    break;
                case "symbol":
                    p = c -> {
                        switch (Character.getType(c)) {
                            case Character.MATH_SYMBOL:
                            case Character.CURRENCY_SYMBOL:
                            case Character.MODIFIER_SYMBOL:
                            case Character.OTHER_SYMBOL:
                                return true;
                            default:
                                return false;
                        }
                    };
                    break;
                case "custom": {
                    String custom = s.get("custom_token_chars");
                    if (custom == null) {
                        throw new IllegalArgumentException("Token type: 'custom' requires setting `custom_token_chars`");
                    }
                    Set<Integer> cps = new HashSet<>();
                    custom.codePoints().forEach(cps::add);
                    p = cps::contains;
                    break;
                }
                default:
                    throw new IllegalArgumentException(
                        "Unknown token type: '" + cls + "', must be one of [letter, digit, whitespace, punctuation, symbol, custom]"
                    );
            }
            result = result.or(p);
        }
        return result;
    }

    /** Runs of letters, lower-cased per code point; tokens are split at 255 chars (the "lowercase" tokenizer). */
    static final class LowerCaseLetterTokenizer extends Tokenizer {
        private static final int MAX = 255;
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private int pos, pending = -1, finalOffset;

        @Override
        public boolean incrementToken() throws IOException {
            clearAttributes();
            int start = -1, len = 0;
            while (true) {
                int c;
                if (pending >= 0) {
                    c = pending;
                    pending = -1;
                } else {
                    c = read();
                }
                if (c < 0) break;
                int charCount = Character.charCount(c);
                if (Character.isLetter(c)) {
                    if (len + charCount > MAX) {
                        pending = c;
                        break;
                    }
                    if (start < 0) start = pos;
                    char[] buf = term.resizeBuffer(len + 2);
                    len += Character.toChars(Character.toLowerCase(c), buf, len);
                    pos += charCount;
                } else {
                    pos += charCount;
                    if (len > 0) break;
                }
            }
            finalOffset = correctOffset(pos);
            if (len == 0) return false;
            term.setLength(len);
            offset.setOffset(correctOffset(start), correctOffset(start + len));
            return true;
        }

        private int read() throws IOException {
            int hi = input.read();
            if (hi < 0 || Character.isHighSurrogate((char) hi) == false) return hi;
            int lo = input.read();
            if (lo < 0) return hi;
            if (Character.isLowSurrogate((char) lo)) return Character.toCodePoint((char) hi, (char) lo);
            // unpaired surrogate: keep the second char for the next call
            pending = lo;
            return hi;
        }

        @Override
        public void end() throws IOException {
            super.end();
            offset.setOffset(finalOffset, finalOffset);
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            pos = 0;
            pending = -1;
            finalOffset = 0;
        }
    }

    // ------------------------------------------------------------------ char filters

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        Map<String, AnalysisProvider<CharFilterFactory>> m = new TreeMap<>();
        m.put("html_strip", (is, env, name, s) -> {
            List<String> escaped = s.getAsList("escaped_tags");
            Set<String> tags = escaped == null || escaped.isEmpty() ? null : Set.copyOf(escaped);
            return new AbstractCharFilterFactory(name) {
                @Override
                public Reader create(Reader reader) {
                    return new HTMLStripCharFilter(reader, tags);
                }
            };
        });
        return m;
    }

    // ------------------------------------------------------------------ GET / and HEAD /

    @Override
    public Collection<RestHandler> getRestHandlers(
        Settings settings,
        NamedWriteableRegistry namedWriteableRegistry,
        RestController restController,
        ClusterSettings clusterSettings,
        IndexScopedSettings indexScopedSettings,
        SettingsFilter settingsFilter,
        IndexNameExpressionResolver indexNameExpressionResolver,
        Supplier<DiscoveryNodes> nodesInCluster,
        Predicate<NodeFeature> clusterSupportsFeature
    ) {
        return List.of(new RootInfoHandler());
    }

    final class RootInfoHandler extends BaseRestHandler {
        @Override
        public String getName() {
            return "portal_ci_root_info";
        }

        @Override
        public List<Route> routes() {
            return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
        }

        @Override
        protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
            return channel -> {
                ClusterService cs = clusterService;
                ClusterState state = cs.state();
                Build build = Build.current();
                XContentBuilder b = channel.newBuilder();
                b.startObject();
                b.field("name", cs.localNode().getName());
                b.field("cluster_name", cs.getClusterName().value());
                b.field("cluster_uuid", state.metadata().clusterUUID());
                b.startObject("version");
                b.field("number", build.qualifiedVersion());
                b.field("build_flavor", build.flavor());
                b.field("build_type", build.type().displayName());
                b.field("build_hash", build.hash());
                b.field("build_date", build.date());
                b.field("build_snapshot", build.isSnapshot());
                b.field("lucene_version", IndexVersion.current().luceneVersion().toString());
                b.field("minimum_wire_compatibility_version", build.minWireCompatVersion());
                b.field("minimum_index_compatibility_version", build.minIndexCompatVersion());
                b.endObject();
                b.field("tagline", "You Know, for Search");
                b.endObject();
                channel.sendResponse(new RestResponse(RestStatus.OK, b));
            };
        }
    }
}
