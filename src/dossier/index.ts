export { type Dossier, type DossierCondition, type DossierStep, type Fact, dossierOf } from './model';
export { dossierPdf, winAnsi } from './pdf';
