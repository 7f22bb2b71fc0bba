import { IsOptional } from 'class-validator';
import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ForumCaseReferral, ForumMinutesDelivery, ForumReferralOutcome } from '../../entities/fora';
import { SharedService } from '../../entities/reference/shared-service';
import * as args from '../../services/fora/args';
import { Connection } from '../connection';
import { OptionalText, RequiredText } from '../text';
import { MutationPayload } from '../user-error';

/** What passes between fora (seed 003): minutes sent on, referred cases, seats held by a role elsewhere. */

export const ForumMinutesDeliveryConnection = Connection(ForumMinutesDelivery);
export const ForumCaseReferralConnection = Connection(ForumCaseReferral);

@InputType({
  description: "A case referred from a forum you run to another forum: anonymous unless it names a consent of the sending forum. Texts are checked for personal data as a meeting's case items are.",
})
export class ReferForumCaseInput implements args.NewCaseReferral {
  @Field(() => ID, { description: 'The forum that refers the case (you run it).' }) fromForumId: string;
  @Field(() => ID, { description: 'The forum the case goes to (e.g. the drøftingsteam).' }) toForumId: string;
  @Field(() => GraphQLDate) referredOn: Date;
  @Field({ description: 'Anonymous label, e.g. "Elev, 5. trinn".' }) @RequiredText(200) label: string;
  @Field(() => String, { nullable: true }) @OptionalText(4000) summary?: string | null;
  @Field(() => String, { nullable: true, description: 'What was tried in the services closest to the child before the referral (003).' }) @OptionalText(4000) measuresTried?: string | null;
  @Field(() => ID, { nullable: true, description: 'A consent of the sending forum, valid on referredOn; omitted = anonymous.' }) @IsOptional() consentId?: string | null;
  @Field(() => String, { nullable: true, description: 'Whose case; only with a consent for that person.' }) @OptionalText(200) subjectName?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Without a consent, a label, summary or measures text that reads like a given name with an age, a class or a birth date is refused (PERSONAL_DATA). true = you checked: it names no one. Default false.',
  })
  @IsOptional()
  confirmedAnonymous?: boolean | null;
}

@InputType({ description: 'The receiving forum answers a referral: PENDING → ACCEPTED or DECLINED, ACCEPTED → CONCLUDED.' })
export class RecordForumCaseReferralOutcomeInput implements args.CaseReferralOutcome {
  @Field(() => ID) referralId: string;
  @Field(() => ForumReferralOutcome) outcome: ForumReferralOutcome;
  @Field(() => GraphQLDate, { description: 'Not before the referral or the previous outcome, not in the future.' }) decidedOn: Date;
  @Field(() => String, { nullable: true, description: 'What was decided or concluded.' }) @OptionalText(4000) text?: string | null;
}

@ObjectType()
export class ForumCaseReferralPayload extends MutationPayload {
  @Field(() => ForumCaseReferral, { nullable: true }) referral?: ForumCaseReferral | null;
}

@ObjectType({ description: "Who holds a seat on a date: the seat's own person or service, or, for a seat held by a role in another forum, that forum's member holding the role." })
export class ForumSeatHolder {
  @Field(() => String, { nullable: true }) personName: string | null;
  @Field(() => SharedService, { nullable: true }) service: SharedService | null;
}
