import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A region administrator may register a person before their first sign-in by the value of the
 * deployment's OIDC_MATCH_CLAIM (e.g. their verified e-mail address) instead of the identity
 * provider's subject, which is often unknown to them (Entra ID's is pairwise). On the first
 * sign-in of an identity that has no person yet, the API binds it to every such person of the
 * issuer (in any region) whose claim value matches and who has no subject yet. Written once; the
 * SQL below is this migration's whole effect.
 *
 * - person.sign_in_claim: the value to match (compared case-insensitively), unique per region;
 *   person.subject may be NULL until the binding, but a person has one of the two.
 * - app_bind_sign_in_claim(issuer, subject, claim, value): the binding, SECURITY DEFINER (it runs
 *   before the request has a tenant context, as app_identity_grants does). It binds nothing when
 *   the identity already has a person anywhere; it locks the matching rows, so of two identities
 *   signing in at once with the same value one gets them and the other nothing; each binding is
 *   audited in the person's region (actor: the subject, operation `bindSignInClaim`, the claim's
 *   name; never its value). Returns how many people it bound. Only the API role may call it.
 */
export class SignInClaim1733705000000 implements MigrationInterface {
  name = 'SignInClaim1733705000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person ALTER COLUMN subject DROP NOT NULL,
      ADD COLUMN sign_in_claim text CHECK (sign_in_claim IS NULL OR length(sign_in_claim) BETWEEN 1 AND 254),
      ADD CONSTRAINT person_signs_in CHECK (subject IS NOT NULL OR sign_in_claim IS NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX person_sign_in_claim_key ON person (region_id, issuer, lower(sign_in_claim)) WHERE sign_in_claim IS NOT NULL`);
    await q.query(`CREATE FUNCTION app_bind_sign_in_claim(p_issuer text, p_subject text, p_claim text, p_value text)
      RETURNS integer LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        found record;
        bound integer := 0;
      BEGIN
        IF p_issuer IS NULL OR p_subject IS NULL OR p_claim IS NULL OR p_value IS NULL THEN RETURN 0; END IF;
        IF EXISTS (SELECT 1 FROM person WHERE issuer = p_issuer AND subject = p_subject) THEN RETURN 0; END IF;
        FOR found IN
          SELECT id, region_id FROM person
          WHERE issuer = p_issuer AND subject IS NULL AND lower(sign_in_claim) = lower(p_value)
          ORDER BY id FOR UPDATE
        LOOP
          UPDATE person SET subject = p_subject WHERE id = found.id;
          INSERT INTO audit_record (region_id, actor, actor_role, operation, entity, entity_id, before, after)
          VALUES (found.region_id, p_subject, 'PUBLIC', 'bindSignInClaim', 'Person', found.id,
                  jsonb_build_object('subject', NULL),
                  jsonb_build_object('issuer', p_issuer, 'subject', p_subject, 'matchedClaim', p_claim));
          bound := bound + 1;
        END LOOP;
        RETURN bound;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION app_bind_sign_in_claim(text, text, text, text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_bind_sign_in_claim(text, text, text, text) TO samvirke_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS app_bind_sign_in_claim(text, text, text, text)`);
    await q.query(`DROP INDEX IF EXISTS person_sign_in_claim_key`);
    await q.query(`DELETE FROM person WHERE subject IS NULL`);
    await q.query(`ALTER TABLE person DROP CONSTRAINT IF EXISTS person_signs_in, DROP COLUMN IF EXISTS sign_in_claim, ALTER COLUMN subject SET NOT NULL`);
  }
}
