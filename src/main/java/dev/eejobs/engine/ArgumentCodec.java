package dev.eejobs.engine;

import dev.eejobs.api.InvalidJobException;
import dev.eejobs.config.JobsConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Job arguments to and from JSON through JSON-B, with the payload limit enforced. JSON from
 * outside is read strictly (a property the argument type does not have is refused, not dropped),
 * so what is stored is what was sent; stored arguments are read leniently, so a node whose
 * argument type lost a property still runs jobs stored by one that had it.
 */
@ApplicationScoped
class ArgumentCodec {

    /** Yasson's switch (the JSON-B implementation of Payara and the tests); others ignore it. */
    static final String FAIL_ON_UNKNOWN_PROPERTIES = "jsonb.fail-on-unknown-properties";

    private static final String DOES_NOT_FIT = "does not fit the job's argument type: check the property names, the"
            + " kinds of their values (text, number, object, list) and that numbers fit their fields";

    private final Jsonb jsonb = JsonbBuilder.create();
    private final Jsonb strict = JsonbBuilder.create(new JsonbConfig().setProperty(FAIL_ON_UNKNOWN_PROPERTIES, true));

    @Inject
    JobsConfig config;

    ArgumentCodec() {}

    ArgumentCodec(JobsConfig config) {
        this.config = config;
    }

    String write(Object argument, Type type) {
        String json;
        try {
            json = jsonb.toJson(argument, type);
        } catch (JsonbException e) {
            throw new InvalidJobException("argument", "cannot be written as JSON: " + rootMessage(e));
        }
        checkSize(json);
        return json;
    }

    /**
     * Parses JSON from outside (the HTTP API) into the type, then writes it back in canonical form,
     * so only arguments the job can actually read are stored, and only if reading them kept every
     * value sent ({@link JsonFidelity}).
     */
    String normalise(String json, Type type) {
        if (json == null || json.isBlank()) {
            throw new InvalidJobException("argument", "is missing");
        }
        checkSize(json);
        Object value;
        try {
            value = strict.fromJson(json, type);
        } catch (RuntimeException e) {
            InvalidJobException refusal = refusal(e);
            if (refusal != null) {
                throw refusal; // the argument type's own check (its constructor): its words reach the caller
            }
            // whatever the binder throws (its own exception, an arithmetic or a cast one) means the
            // JSON does not fit; its message names classes and parser internals, so it stays here
            throw new InvalidJobException("argument", DOES_NOT_FIT);
        }
        if (value == null) {
            throw new InvalidJobException("argument", "must not be null");
        }
        String canonical = write(value, type);
        String changed = JsonFidelity.difference(json, canonical);
        if (changed != null) {
            throw new InvalidJobException("argument", "does not fit the job's argument type " + changed);
        }
        return canonical;
    }

    /**
     * @return the {@link InvalidJobException} an argument type's constructor threw while the binder
     *     read it, with its field named under {@code argument.}, or null if the failure was the binder's
     */
    private static InvalidJobException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidJobException i) {
                return new InvalidJobException("argument." + i.field(), i.reason());
            }
        }
        return null;
    }

    /**
     * {@link #normalise} for a batch, reading all arguments in one pass: one JSON-B call for the
     * whole array costs far less than one per argument.
     *
     * @return the canonical JSON of each argument, or empty if some argument does not fit (the
     *     caller then checks them one by one to name the one that does not)
     */
    Optional<List<String>> normaliseAll(List<String> jsons, Type type) {
        for (String json : jsons) {
            if (json == null || json.isBlank()
                    || json.getBytes(StandardCharsets.UTF_8).length > config.maxPayloadBytes()) {
                return Optional.empty();
            }
        }
        List<?> values;
        try {
            values = strict.fromJson("[" + String.join(",", jsons) + "]", new ListOf(type));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (values == null || values.size() != jsons.size() || values.contains(null)) {
            return Optional.empty(); // not one value per argument: let the per-argument path say why
        }
        List<String> canonical = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String json = write(values.get(i), type);
            if (JsonFidelity.difference(jsons.get(i), json) != null) {
                return Optional.empty();
            }
            canonical.add(json);
        }
        return Optional.of(canonical);
    }

    /** {@code List<type>} for JSON-B. */
    private record ListOf(Type element) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {element};
        }

        @Override
        public Type getRawType() {
            return List.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }
    }

    Object read(String json, Type type) {
        return jsonb.fromJson(json, type);
    }

    private void checkSize(String json) {
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > config.maxPayloadBytes()) {
            throw new InvalidJobException("argument", "is " + bytes + " bytes of JSON; the limit is "
                    + config.maxPayloadBytes() + " (jobs.max-payload)");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    @PreDestroy
    void close() {
        for (Jsonb j : new Jsonb[] {jsonb, strict}) {
            try {
                j.close();
            } catch (Exception e) {
                // nothing left to release
            }
        }
    }
}
