package fr.einvoicing.adoption.campaign;

import java.util.Set;

/**
 * The letter template sets a campaign may choose, as the campaign rules need them. Implemented by the
 * letter package, which depends on campaigns and not the other way round.
 */
public interface LetterTemplateSets {

    /** The set a campaign sends when it names none. */
    String DEFAULT = "standard";

    boolean exists(String set);

    Set<String> names();
}
