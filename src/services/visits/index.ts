export { CadreRatingService } from './cadre-rating.service';
export { VisitConfirmationService } from './confirmation.service';
export { GroupBindingService } from './group-binding.service';
export { MyEnterprisesService } from './my-enterprises.service';
export { VisitService } from './visit.service';
export type * from './visit.types';
