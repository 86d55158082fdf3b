import { describe, expect, it } from 'vitest';
import { classifyField, type FieldDescriptor } from '../../../src/crawl/classify-field.js';
import type { DataCategory } from '../../../src/persona/schema.js';

type Field = Partial<FieldDescriptor>;
type Expected = readonly [DataCategory, string] | null;
/** [language, field as the page describes it, the site's country, expected category and persona field]. */
type Row = readonly [string, Field, string, Expected];

const input = (field: Field): FieldDescriptor => ({ tag: 'input', type: 'text', ...field });

// Field descriptors as real forms present them: name/id as developers write them, labels as
// `findForms` reads them (whitespace collapsed, required markers included).
const ROWS: Row[] = [
  // Swedish
  ['sv', { name: 'fornamn', id: 'fornamn', label: 'Förnamn *' }, 'SE', ['first_name', 'firstName']],
  ['sv', { name: 'efternamn', id: 'efternamn', label: 'Efternamn *' }, 'SE', ['last_name', 'lastName']],
  ['sv', { name: 'epost', label: 'E-postadress' }, 'SE', ['email', 'email']],
  ['sv', { name: 'pnr', label: 'Personnummer', placeholder: 'ÅÅÅÅMMDD-XXXX' }, 'SE', ['national_id', 'nationalIds.SE']],
  ['sv', { name: 'field_7', label: 'Personnr (12 siffror)' }, 'SE', ['national_id', 'nationalIds.SE']],
  ['sv', { name: 'mobil', label: 'Mobilnummer' }, 'SE', ['phone', 'phone']],
  ['sv', { name: 'telefon', label: 'Telefon' }, 'SE', ['phone', 'phone']],
  ['sv', { name: 'gatuadress', label: 'Gatuadress' }, 'SE', ['street_address', 'streetAddress']],
  ['sv', { name: 'postnummer', label: 'Postnummer', placeholder: '123 45' }, 'SE', ['postal_code', 'postalCode']],
  ['sv', { name: 'postort', label: 'Postort' }, 'SE', ['city', 'city']],
  ['sv', { name: 'ort', label: 'Ort' }, 'SE', ['city', 'city']],
  ['sv', { name: 'namn', label: 'Namn *' }, 'SE', ['full_name', 'fullName']],
  ['sv', { name: 'your-name', label: 'Ditt namn' }, 'SE', ['full_name', 'fullName']],
  ['sv', { name: 'fullstandigt_namn', label: 'Fullständigt namn' }, 'SE', ['full_name', 'fullName']],
  ['sv', { name: 'fodelsedatum', label: 'Födelsedatum' }, 'SE', ['date_of_birth', 'dateOfBirth']],
  ['sv', { tag: 'select', type: 'select', name: 'lan', label: 'Län' }, 'SE', ['region', 'region']],
  ['sv', { tag: 'select', type: 'select', name: 'country', label: 'Land' }, 'SE', ['country', 'country']],
  ['sv', { tag: 'select', type: 'select', name: 'kon', label: 'Kön' }, 'SE', ['gender', 'gender']],
  ['sv', { tag: 'textarea', type: 'textarea', name: 'meddelande', label: 'Meddelande' }, 'SE', ['free_text', 'message']],
  ['sv', { name: 'fraga', label: 'Din fråga' }, 'SE', ['free_text', 'message']],
  // Norwegian
  ['no', { name: 'fornavn', label: 'Fornavn' }, 'NO', ['first_name', 'firstName']],
  ['no', { name: 'etternavn', label: 'Etternavn' }, 'NO', ['last_name', 'lastName']],
  ['no', { name: 'epost', label: 'E-post' }, 'NO', ['email', 'email']],
  ['no', { name: 'fnr', label: 'Fødselsnummer (11 siffer)' }, 'NO', ['national_id', 'nationalIds.NO']],
  ['no', { name: 'field_12', label: 'Fødselsnummer' }, 'SE', ['national_id', 'nationalIds.NO']],
  ['no', { name: 'telefon', label: 'Telefonnummer' }, 'NO', ['phone', 'phone']],
  ['no', { name: 'adresse', label: 'Gateadresse' }, 'NO', ['street_address', 'streetAddress']],
  ['no', { name: 'postnr', label: 'Postnummer' }, 'NO', ['postal_code', 'postalCode']],
  ['no', { name: 'poststed', label: 'Poststed' }, 'NO', ['city', 'city']],
  ['no', { name: 'fodselsdato', label: 'Fødselsdato', placeholder: 'dd.mm.åååå' }, 'NO', ['date_of_birth', 'dateOfBirth']],
  ['no', { tag: 'select', type: 'select', name: 'kjonn', label: 'Kjønn' }, 'NO', ['gender', 'gender']],
  ['no', { tag: 'select', type: 'select', name: 'fylke', label: 'Fylke' }, 'NO', ['region', 'region']],
  ['no', { tag: 'select', type: 'select', name: 'land', label: 'Land' }, 'NO', ['country', 'country']],
  ['no', { name: 'navn', label: 'Navn' }, 'NO', ['full_name', 'fullName']],
  ['no', { name: 'fullt_navn', label: 'Fullt navn' }, 'NO', ['full_name', 'fullName']],
  ['no', { tag: 'textarea', type: 'textarea', name: 'melding', label: 'Melding' }, 'NO', ['free_text', 'message']],
  // Danish
  ['da', { name: 'fornavn', label: 'Fornavn' }, 'DK', ['first_name', 'firstName']],
  ['da', { name: 'efternavn', label: 'Efternavn' }, 'DK', ['last_name', 'lastName']],
  ['da', { name: 'email', label: 'E-mail' }, 'DK', ['email', 'email']],
  ['da', { name: 'cpr', label: 'CPR-nummer', placeholder: 'DDMMÅÅ-XXXX' }, 'DK', ['national_id', 'nationalIds.DK']],
  ['da', { name: 'tlf', label: 'Tlf. nr.' }, 'DK', ['phone', 'phone']],
  ['da', { name: 'adresse', label: 'Adresse' }, 'DK', ['street_address', 'streetAddress']],
  ['da', { name: 'postnr', label: 'Postnr.' }, 'DK', ['postal_code', 'postalCode']],
  ['da', { name: 'by', label: 'By' }, 'DK', ['city', 'city']],
  ['da', { name: 'fodselsdato', label: 'Fødselsdato' }, 'DK', ['date_of_birth', 'dateOfBirth']],
  ['da', { tag: 'select', type: 'select', name: 'koen', label: 'Køn' }, 'DK', ['gender', 'gender']],
  ['da', { name: 'fulde_navn', label: 'Fulde navn' }, 'DK', ['full_name', 'fullName']],
  ['da', { tag: 'textarea', type: 'textarea', name: 'besked', label: 'Besked' }, 'DK', ['free_text', 'message']],
  // Finnish
  ['fi', { name: 'etunimi', label: 'Etunimi' }, 'FI', ['first_name', 'firstName']],
  ['fi', { name: 'sukunimi', label: 'Sukunimi' }, 'FI', ['last_name', 'lastName']],
  ['fi', { name: 'sahkoposti', label: 'Sähköposti' }, 'FI', ['email', 'email']],
  ['fi', { name: 'hetu', label: 'Henkilötunnus' }, 'FI', ['national_id', 'nationalIds.FI']],
  ['fi', { name: 'field_4', label: 'Henkilötunnus', placeholder: 'ppkkvv-nnnt' }, 'SE', ['national_id', 'nationalIds.FI']],
  ['fi', { name: 'puhelin', label: 'Puhelinnumero' }, 'FI', ['phone', 'phone']],
  ['fi', { name: 'osoite', label: 'Katuosoite' }, 'FI', ['street_address', 'streetAddress']],
  ['fi', { name: 'postinumero', label: 'Postinumero' }, 'FI', ['postal_code', 'postalCode']],
  ['fi', { name: 'postitoimipaikka', label: 'Postitoimipaikka' }, 'FI', ['city', 'city']],
  ['fi', { name: 'syntymaaika', label: 'Syntymäaika' }, 'FI', ['date_of_birth', 'dateOfBirth']],
  ['fi', { tag: 'select', type: 'select', name: 'sukupuoli', label: 'Sukupuoli' }, 'FI', ['gender', 'gender']],
  ['fi', { tag: 'select', type: 'select', name: 'maakunta', label: 'Maakunta' }, 'FI', ['region', 'region']],
  ['fi', { tag: 'select', type: 'select', name: 'maa', label: 'Maa' }, 'FI', ['country', 'country']],
  ['fi', { name: 'field_2', label: 'Nimi *' }, 'FI', ['full_name', 'fullName']],
  ['fi', { name: 'koko_nimi', label: 'Koko nimi' }, 'FI', ['full_name', 'fullName']],
  ['fi', { tag: 'textarea', type: 'textarea', name: 'viesti', label: 'Viesti' }, 'FI', ['free_text', 'message']],
  // German
  ['de', { name: 'vorname', label: 'Vorname' }, 'DE', ['first_name', 'firstName']],
  ['de', { name: 'nachname', label: 'Nachname' }, 'DE', ['last_name', 'lastName']],
  ['de', { name: 'familienname', label: 'Familienname' }, 'DE', ['last_name', 'lastName']],
  ['de', { name: 'email', label: 'E-Mail-Adresse' }, 'DE', ['email', 'email']],
  ['de', { name: 'handy', label: 'Handynummer' }, 'DE', ['phone', 'phone']],
  ['de', { name: 'strasse', label: 'Straße und Hausnummer' }, 'DE', ['street_address', 'streetAddress']],
  ['de', { name: 'plz', label: 'PLZ' }, 'DE', ['postal_code', 'postalCode']],
  ['de', { name: 'ort', label: 'Ort' }, 'DE', ['city', 'city']],
  ['de', { name: 'wohnort', label: 'Wohnort' }, 'DE', ['city', 'city']],
  ['de', { name: 'geburtsdatum', label: 'Geburtsdatum', placeholder: 'TT.MM.JJJJ' }, 'DE', ['date_of_birth', 'dateOfBirth']],
  ['de', { name: 'geburtstag', label: 'Geburtstag' }, 'DE', ['date_of_birth', 'dateOfBirth']],
  ['de', { tag: 'select', type: 'select', name: 'anrede', label: 'Anrede' }, 'DE', ['gender', 'gender']],
  ['de', { tag: 'select', type: 'select', name: 'bundesland', label: 'Bundesland' }, 'DE', ['region', 'region']],
  ['de', { tag: 'select', type: 'select', name: 'land', label: 'Land' }, 'DE', ['country', 'country']],
  ['de', { name: 'name', label: 'Vollständiger Name' }, 'DE', ['full_name', 'fullName']],
  ['de', { tag: 'textarea', type: 'textarea', name: 'nachricht', label: 'Ihre Nachricht' }, 'DE', ['free_text', 'message']],
  // French
  ['fr', { name: 'prenom', label: 'Prénom' }, 'SE', ['first_name', 'firstName']],
  ['fr', { name: 'nom_famille', label: 'Nom de famille' }, 'SE', ['last_name', 'lastName']],
  ['fr', { name: 'courriel', label: 'Courriel' }, 'SE', ['email', 'email']],
  ['fr', { name: 'mail', label: 'Adresse e-mail' }, 'SE', ['email', 'email']],
  ['fr', { name: 'telephone', label: 'Téléphone' }, 'SE', ['phone', 'phone']],
  ['fr', { name: 'adresse', label: 'Adresse' }, 'SE', ['street_address', 'streetAddress']],
  ['fr', { name: 'cp', label: 'Code postal' }, 'SE', ['postal_code', 'postalCode']],
  ['fr', { name: 'ville', label: 'Ville' }, 'SE', ['city', 'city']],
  ['fr', { name: 'date_naissance', label: 'Date de naissance' }, 'SE', ['date_of_birth', 'dateOfBirth']],
  ['fr', { tag: 'select', type: 'select', name: 'civilite', label: 'Civilité' }, 'SE', ['gender', 'gender']],
  ['fr', { tag: 'select', type: 'select', name: 'sexe', label: 'Sexe' }, 'SE', ['gender', 'gender']],
  ['fr', { tag: 'select', type: 'select', name: 'region', label: 'Région' }, 'SE', ['region', 'region']],
  ['fr', { tag: 'select', type: 'select', name: 'pays', label: 'Pays' }, 'SE', ['country', 'country']],
  ['fr', { name: 'nom_complet', label: 'Nom complet' }, 'SE', ['full_name', 'fullName']],
  ['fr', { tag: 'textarea', type: 'textarea', name: 'commentaire', label: 'Votre commentaire' }, 'SE', ['free_text', 'message']],
  // Dutch
  ['nl', { name: 'voornaam', label: 'Voornaam' }, 'SE', ['first_name', 'firstName']],
  ['nl', { name: 'achternaam', label: 'Achternaam' }, 'SE', ['last_name', 'lastName']],
  ['nl', { name: 'emailadres', label: 'E-mailadres' }, 'SE', ['email', 'email']],
  ['nl', { name: 'telefoonnummer', label: 'Telefoonnummer' }, 'SE', ['phone', 'phone']],
  ['nl', { name: 'adres', label: 'Adres' }, 'SE', ['street_address', 'streetAddress']],
  ['nl', { name: 'straat', label: 'Straat en huisnummer' }, 'SE', ['street_address', 'streetAddress']],
  ['nl', { name: 'postcode', label: 'Postcode', placeholder: '1234 AB' }, 'SE', ['postal_code', 'postalCode']],
  ['nl', { name: 'woonplaats', label: 'Woonplaats' }, 'SE', ['city', 'city']],
  ['nl', { name: 'geboortedatum', label: 'Geboortedatum' }, 'SE', ['date_of_birth', 'dateOfBirth']],
  ['nl', { tag: 'select', type: 'select', name: 'geslacht', label: 'Geslacht' }, 'SE', ['gender', 'gender']],
  ['nl', { tag: 'select', type: 'select', name: 'provincie', label: 'Provincie' }, 'SE', ['region', 'region']],
  ['nl', { tag: 'select', type: 'select', name: 'land', label: 'Land' }, 'SE', ['country', 'country']],
  ['nl', { name: 'naam', label: 'Volledige naam' }, 'SE', ['full_name', 'fullName']],
  ['nl', { tag: 'textarea', type: 'textarea', name: 'bericht', label: 'Bericht' }, 'SE', ['free_text', 'message']],
  // Spanish
  ['es', { name: 'nombre', label: 'Nombre' }, 'SE', ['first_name', 'firstName']],
  ['es', { name: 'apellidos', label: 'Apellidos' }, 'SE', ['last_name', 'lastName']],
  ['es', { name: 'correo', label: 'Correo electrónico' }, 'SE', ['email', 'email']],
  ['es', { name: 'telefono', label: 'Teléfono' }, 'SE', ['phone', 'phone']],
  ['es', { name: 'direccion', label: 'Dirección' }, 'SE', ['street_address', 'streetAddress']],
  ['es', { name: 'codigo_postal', label: 'Código postal' }, 'SE', ['postal_code', 'postalCode']],
  ['es', { name: 'ciudad', label: 'Ciudad' }, 'SE', ['city', 'city']],
  ['es', { name: 'fecha_nacimiento', label: 'Fecha de nacimiento' }, 'SE', ['date_of_birth', 'dateOfBirth']],
  ['es', { tag: 'select', type: 'select', name: 'sexo', label: 'Sexo' }, 'SE', ['gender', 'gender']],
  ['es', { tag: 'select', type: 'select', name: 'provincia', label: 'Provincia' }, 'SE', ['region', 'region']],
  ['es', { tag: 'select', type: 'select', name: 'pais', label: 'País' }, 'SE', ['country', 'country']],
  ['es', { name: 'nombre_apellidos', label: 'Nombre y apellidos' }, 'SE', ['full_name', 'fullName']],
  ['es', { name: 'nombre_completo', label: 'Nombre completo' }, 'SE', ['full_name', 'fullName']],
  ['es', { tag: 'textarea', type: 'textarea', name: 'mensaje', label: 'Mensaje' }, 'SE', ['free_text', 'message']],
  // Italian
  ['it', { name: 'nome', label: 'Nome' }, 'SE', ['first_name', 'firstName']],
  ['it', { name: 'cognome', label: 'Cognome' }, 'SE', ['last_name', 'lastName']],
  ['it', { name: 'email', label: 'Indirizzo email' }, 'SE', ['email', 'email']],
  ['it', { name: 'cellulare', label: 'Cellulare' }, 'SE', ['phone', 'phone']],
  ['it', { name: 'indirizzo', label: 'Indirizzo' }, 'SE', ['street_address', 'streetAddress']],
  ['it', { name: 'cap', label: 'CAP' }, 'SE', ['postal_code', 'postalCode']],
  ['it', { name: 'citta', label: 'Città' }, 'SE', ['city', 'city']],
  ['it', { name: 'data_nascita', label: 'Data di nascita' }, 'SE', ['date_of_birth', 'dateOfBirth']],
  ['it', { tag: 'select', type: 'select', name: 'sesso', label: 'Sesso' }, 'SE', ['gender', 'gender']],
  ['it', { tag: 'select', type: 'select', name: 'nazione', label: 'Nazione' }, 'SE', ['country', 'country']],
  ['it', { name: 'nome_cognome', label: 'Nome e cognome' }, 'SE', ['full_name', 'fullName']],
  ['it', { tag: 'textarea', type: 'textarea', name: 'messaggio', label: 'Messaggio' }, 'SE', ['free_text', 'message']],
  // English
  ['en', { name: 'firstName', label: 'First name' }, 'GB', ['first_name', 'firstName']],
  ['en', { name: 'lastName', label: 'Last name' }, 'GB', ['last_name', 'lastName']],
  ['en', { name: 'surname', label: 'Surname' }, 'GB', ['last_name', 'lastName']],
  ['en', { name: 'email', label: 'Email address' }, 'GB', ['email', 'email']],
  ['en', { name: 'phone', label: 'Phone number' }, 'GB', ['phone', 'phone']],
  ['en', { name: 'address1', label: 'Address line 1' }, 'GB', ['street_address', 'streetAddress']],
  ['en', { name: 'postcode', label: 'Postcode' }, 'GB', ['postal_code', 'postalCode']],
  ['en', { name: 'zip', label: 'ZIP code' }, 'US', ['postal_code', 'postalCode']],
  ['en', { name: 'town', label: 'Town/City' }, 'GB', ['city', 'city']],
  ['en', { name: 'dob', label: 'Date of birth' }, 'GB', ['date_of_birth', 'dateOfBirth']],
  ['en', { tag: 'select', type: 'select', name: 'gender', label: 'Gender' }, 'GB', ['gender', 'gender']],
  ['en', { tag: 'select', type: 'select', name: 'county', label: 'County' }, 'GB', ['region', 'region']],
  ['en', { tag: 'select', type: 'select', name: 'state', label: 'State' }, 'US', ['region', 'region']],
  ['en', { tag: 'select', type: 'select', name: 'country', label: 'Country' }, 'GB', ['country', 'country']],
  ['en', { name: 'fullname', label: 'Full name' }, 'GB', ['full_name', 'fullName']],
  ['en', { name: 'your-name', label: 'Your name' }, 'GB', ['full_name', 'fullName']],
  ['en', { name: 'personal_id', label: 'Personal identity number' }, 'SE', ['national_id', 'nationalIds.SE']],
  ['en', { tag: 'textarea', type: 'textarea', name: 'message', label: 'Message' }, 'GB', ['free_text', 'message']],
  ['en', { tag: 'textarea', type: 'textarea', name: 'details', label: 'How can we help?' }, 'GB', ['free_text', 'message']],
  // The input type and the autocomplete token decide before any keyword
  ['type', { type: 'email', name: 'q1' }, 'SE', ['email', 'email']],
  ['type', { type: 'tel', name: 'q2', label: 'Nummer' }, 'SE', ['phone', 'phone']],
  ['type', { type: 'password', name: 'pw', label: 'Lösenord' }, 'SE', ['password', 'password']],
  ['type', { type: 'date', name: 'q3' }, 'SE', ['date_of_birth', 'dateOfBirth']],
  ['autocomplete', { name: 'field_1', autocomplete: 'given-name' }, 'SE', ['first_name', 'firstName']],
  ['autocomplete', { name: 'field_2', autocomplete: 'shipping family-name' }, 'SE', ['last_name', 'lastName']],
  ['autocomplete', { name: 'field_3', autocomplete: 'section-billing billing postal-code' }, 'SE', ['postal_code', 'postalCode']],
  ['autocomplete', { name: 'field_4', autocomplete: 'address-level2' }, 'SE', ['city', 'city']],
  ['autocomplete', { name: 'field_5', autocomplete: 'bday' }, 'SE', ['date_of_birth', 'dateOfBirth']],
  ['autocomplete', { name: 'field_6', autocomplete: 'new-password' }, 'SE', ['password', 'password']],
  ['autocomplete', { name: 'email', autocomplete: 'off', label: 'E-post' }, 'SE', ['email', 'email']],
  // Fields that hold nothing of the persona: the crawler must leave them alone
  ['null', { type: 'search', name: 'q', placeholder: 'Sök produkter', ariaLabel: 'Sök' }, 'SE', null],
  ['null', { type: 'search', name: 's', placeholder: 'Search…' }, 'GB', null],
  ['null', { name: 'suche', placeholder: 'Suchbegriff eingeben' }, 'DE', null],
  ['null', { name: 'coupon_code', label: 'Rabattkod', placeholder: 'Ange rabattkod' }, 'SE', null],
  ['null', { name: 'gutschein', label: 'Gutscheincode' }, 'DE', null],
  ['null', { name: 'promo', label: 'Code promo' }, 'SE', null],
  ['null', { type: 'number', name: 'quantity', label: 'Antal' }, 'SE', null],
  ['null', { type: 'number', name: 'qty', ariaLabel: 'Quantity' }, 'GB', null],
  ['null', { type: 'number', name: 'menge', label: 'Anzahl' }, 'DE', null],
  ['null', { name: 'captcha', label: 'Captcha' }, 'SE', null],
  ['null', { name: 'company', label: 'Företagsnamn' }, 'SE', null],
  ['null', { name: 'businessName', label: 'Business name' }, 'GB', null],
  ['null', { name: 'orgnr', label: 'Organisationsnummer' }, 'SE', null],
  ['null', { name: 'tussenvoegsel', label: 'Tussenvoegsel' }, 'SE', null],
  ['null', { tag: 'select', type: 'select', name: 'sort_by', label: 'Sort by' }, 'GB', null],
  ['null', { tag: 'select', type: 'select', name: 'plan', label: 'Subscription plan' }, 'GB', null],
  ['null', { type: 'checkbox', name: 'terms', label: 'I accept the terms and conditions' }, 'GB', null],
  // Checkouts, bookings, registrations and wizards as they are built (issue #6): shop-plugin
  // names, placeholders and aria labels only, radio groups named by their legend, inputmode.
  ['sv', { name: 'billing_first_name', id: 'billing_first_name', label: 'Förnamn *' }, 'SE', ['first_name', 'firstName']],
  ['sv', { name: 'billing_address_1', label: 'Gatuadress *', placeholder: 'Gatunamn och husnummer' }, 'SE', ['street_address', 'streetAddress']],
  ['sv', { name: 'billing_postcode', label: 'Postnummer *' }, 'SE', ['postal_code', 'postalCode']],
  ['sv', { name: 'billing_city', label: 'Ort *' }, 'SE', ['city', 'city']],
  ['sv', { name: 'billing_phone', label: 'Telefon *', inputMode: 'tel' }, 'SE', ['phone', 'phone']],
  ['sv', { name: 'input_3', placeholder: 'Din e-postadress' }, 'SE', ['email', 'email']],
  ['sv', { name: 'f1', ariaLabel: 'Förnamn' }, 'SE', ['first_name', 'firstName']],
  ['sv', { type: 'radio', name: 'kon', groupLabel: 'Kön' }, 'SE', ['gender', 'gender']],
  ['sv', { name: 'ssn', label: 'Personnummer (ÅÅÅÅMMDDNNNN)', maxLength: 12, inputMode: 'numeric' }, 'SE', ['national_id', 'nationalIds.SE']],
  ['sv', { name: 'medsokande_pnr', label: 'Medsökandes personnummer' }, 'SE', ['national_id', 'nationalIds.SE']],
  ['sv', { name: 'telefon_dagtid', label: 'Telefon dagtid' }, 'SE', ['phone', 'phone']],
  ['sv', { name: 'login', label: 'E-postadress eller användarnamn' }, 'SE', ['email', 'email']],
  ['no', { name: 'mobilnummer', label: 'Mobilnummer', placeholder: '8 siffer' }, 'NO', ['phone', 'phone']],
  ['no', { name: 'personnummer', label: 'Fødselsnummer (11 siffer)', maxLength: 11 }, 'NO', ['national_id', 'nationalIds.NO']],
  ['no', { type: 'date', name: 'fodselsdato' }, 'NO', ['date_of_birth', 'dateOfBirth']],
  ['no', { type: 'radio', name: 'kjonn', groupLabel: 'Kjønn' }, 'NO', ['gender', 'gender']],
  ['da', { name: 'mobil', label: 'Mobilnummer' }, 'DK', ['phone', 'phone']],
  ['da', { name: 'cpr_nr', label: 'CPR-nr.' }, 'DK', ['national_id', 'nationalIds.DK']],
  ['da', { tag: 'textarea', type: 'textarea', name: 'kommentar', label: 'Kommentar' }, 'DK', ['free_text', 'message']],
  ['fi', { name: 'matkapuhelin', label: 'Matkapuhelin' }, 'FI', ['phone', 'phone']],
  ['fi', { name: 'lahiosoite', label: 'Lähiosoite' }, 'FI', ['street_address', 'streetAddress']],
  ['fi', { name: 'email', label: 'Sähköpostiosoite' }, 'FI', ['email', 'email']],
  ['de', { name: 'telefonnummer', label: 'Telefonnummer (für Rückfragen)' }, 'DE', ['phone', 'phone']],
  ['de', { name: 'geburtsdatum', label: 'Geburtsdatum *', placeholder: 'TT.MM.JJJJ' }, 'DE', ['date_of_birth', 'dateOfBirth']],
  ['de', { type: 'radio', name: 'anrede', groupLabel: 'Anrede' }, 'DE', ['gender', 'gender']],
  ['de', { name: 'vorname', placeholder: 'Vorname', ariaLabel: 'Vorname' }, 'DE', ['first_name', 'firstName']],
  ['fr', { name: 'portable', label: 'Téléphone portable' }, 'SE', ['phone', 'phone']],
  ['fr', { name: 'adresse_email', label: 'Adresse e-mail' }, 'SE', ['email', 'email']],
  ['fr', { name: 'date_naissance', placeholder: 'jj/mm/aaaa' }, 'SE', ['date_of_birth', 'dateOfBirth']],
  ['nl', { name: 'mobiel', label: 'Mobiel nummer' }, 'SE', ['phone', 'phone']],
  ['nl', { name: 'geboortedatum', placeholder: 'dd-mm-jjjj' }, 'SE', ['date_of_birth', 'dateOfBirth']],
  ['es', { name: 'movil', label: 'Móvil' }, 'SE', ['phone', 'phone']],
  ['es', { name: 'apellido1', label: 'Primer apellido' }, 'SE', ['last_name', 'lastName']],
  ['es', { name: 'localidad', label: 'Localidad' }, 'SE', ['city', 'city']],
  ['it', { name: 'comune', label: 'Comune' }, 'SE', ['city', 'city']],
  ['it', { name: 'telefono', label: 'Numero di telefono' }, 'SE', ['phone', 'phone']],
  ['it', { type: 'radio', name: 'sesso', groupLabel: 'Sesso' }, 'SE', ['gender', 'gender']],
  ['en', { name: 'field_5', placeholder: 'you@example.com' }, 'GB', ['email', 'email']],
  ['en', { name: 'f_12', inputMode: 'email' }, 'GB', ['email', 'email']],
  ['en', { name: 'mobile', label: 'Mobile number' }, 'GB', ['phone', 'phone']],
  ['en', { name: 'confirm_email', label: 'Confirm email' }, 'GB', ['email', 'email']],
  ['en', { tag: 'select', type: 'select', name: 'title', label: 'Title' }, 'GB', ['gender', 'gender']],
  ['en', { name: 'zip', inputMode: 'numeric', autocomplete: 'postal-code' }, 'US', ['postal_code', 'postalCode']],
  // …and fields the persona has nothing for, which must stay unknown
  ['null', { name: 'address2', label: 'Apartment, suite, etc. (optional)', autocomplete: 'address-line2' }, 'GB', null],
  ['null', { name: 'hausnummer', label: 'Hausnummer' }, 'DE', null],
  ['null', { name: 'huisnummer', label: 'Huisnummer' }, 'SE', null],
  ['null', { name: 'lgh', label: 'Lägenhetsnummer' }, 'SE', null],
  ['null', { name: 'regnr', label: 'Registreringsnummer', placeholder: 'ABC 123' }, 'SE', null],
  ['null', { name: 'cc-number', autocomplete: 'cc-number', label: 'Card number' }, 'GB', null],
  ['null', { name: 'firma', label: 'Firma (optional)' }, 'DE', null],
  ['null', { name: 'username', label: 'Username', autocomplete: 'username' }, 'GB', null],
  ['null', { name: 'job_title', label: 'Job title' }, 'GB', null],
  ['null', { name: 'antal_personer', label: 'Antal personer' }, 'SE', null],
  ['null', { type: 'checkbox', name: 'nyhetsbrev', label: 'Ja tack, jag vill ha nyhetsbrev' }, 'SE', null],
];

const describeRow = ([lang, field, country]: Row): string =>
  `${lang} ${field.type ?? 'text'} ${JSON.stringify(field.label ?? field.placeholder ?? field.ariaLabel ?? field.autocomplete ?? field.name)} (${country})`;

const actual = (field: Field, country: string): Expected => {
  const result = classifyField(input(field), country);
  return result ? [result.category, result.personaField] : null;
};

describe('classifyField: a table of real-world fields in the audited languages', () => {
  it('covers every audited language with at least 80 rows', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(80);
    const languages = new Set(ROWS.map((r) => r[0]));
    for (const lang of ['sv', 'no', 'da', 'fi', 'de', 'fr', 'nl', 'es', 'it', 'en']) expect(languages).toContain(lang);
  });

  it.each(ROWS.map((row) => [describeRow(row), row] as const))('%s', (_, [, field, country, expected]) => {
    expect(actual(field, country)).toEqual(expected);
  });

  it('is right on every row of the table', () => {
    const wrong = ROWS.filter(([, field, country, expected]) => JSON.stringify(actual(field, country)) !== JSON.stringify(expected));
    const accuracy = (ROWS.length - wrong.length) / ROWS.length;
    console.log(`classifyField accuracy: ${ROWS.length - wrong.length}/${ROWS.length} = ${(accuracy * 100).toFixed(1)}%`);
    expect(wrong.map(describeRow)).toEqual([]);
  });
});

/**
 * Fields the classifier still gets wrong, with the answer it should give: each needs context
 * beyond one field's attributes. A fix moves its row into ROWS; the test below fails until then.
 */
const KNOWN_MISSES: Row[] = [
  // French "Nom" beside "Prénom" is the family name; alone it is the whole name. One field cannot tell.
  ['fr', { name: 'nom', label: 'Nom' }, 'SE', ['last_name', 'lastName']],
  // A birth date split into three selects: each part alone says "day", "month", "year".
  ['sv', { tag: 'select', type: 'select', name: 'dag', label: 'Dag' }, 'SE', ['date_of_birth', 'dateOfBirth']],
  // A login name that also takes an e-mail address, labelled only "Användarnamn".
  ['sv', { name: 'username', label: 'Användarnamn' }, 'SE', ['email', 'email']],
  // A bare "Nummer" next to a country-code select is a phone number.
  ['de', { name: 'nummer', label: 'Nummer' }, 'DE', ['phone', 'phone']],
];

describe('classifyField: known misses (cases that need more than one field)', () => {
  it.each(KNOWN_MISSES.map((row) => [describeRow(row), row] as const))('still misses %s', (_, [, field, country, expected]) => {
    expect(actual(field, country)).not.toEqual(expected);
  });

  it('reports the accuracy over the table and the known misses together', () => {
    const all = [...ROWS, ...KNOWN_MISSES];
    const right = all.filter(([, field, country, expected]) => JSON.stringify(actual(field, country)) === JSON.stringify(expected)).length;
    console.log(`classifyField accuracy with known misses: ${right}/${all.length} = ${((right / all.length) * 100).toFixed(1)}%`);
    expect(right).toBe(ROWS.length);
  });
});

describe('classifyField: precedence and basis', () => {
  it('decides by type first, then autocomplete, then keywords', () => {
    expect(classifyField(input({ type: 'email', name: 'telefon', autocomplete: 'tel' }))).toEqual({ category: 'email', personaField: 'email', basis: 'type' });
    expect(classifyField(input({ name: 'fornamn', label: 'Förnamn', autocomplete: 'family-name' }))).toEqual({ category: 'last_name', personaField: 'lastName', basis: 'autocomplete' });
    expect(classifyField(input({ name: 'fornamn', label: 'Förnamn', autocomplete: 'on' }))).toEqual({ category: 'first_name', personaField: 'firstName', basis: 'keyword' });
  });

  it('lets a keyword beat the date type, and falls back to free text for an unlabelled textarea', () => {
    expect(classifyField(input({ type: 'date', name: 'birthdate' }))).toMatchObject({ category: 'date_of_birth', basis: 'keyword' });
    expect(classifyField({ tag: 'textarea', type: 'textarea', name: 'x' })).toEqual({ category: 'free_text', personaField: 'message', basis: 'type' });
  });

  it('picks the national id of the label, else of the site country, else Sweden', () => {
    expect(classifyField(input({ label: 'Henkilötunnus' }), 'NO')?.personaField).toBe('nationalIds.FI');
    expect(classifyField(input({ label: 'National ID' }), 'DK')?.personaField).toBe('nationalIds.DK');
    expect(classifyField(input({ label: 'National ID' }), 'FI')?.personaField).toBe('nationalIds.FI');
    expect(classifyField(input({ label: 'National ID' }), 'DE')?.personaField).toBe('nationalIds.SE');
    expect(classifyField(input({ label: 'National ID' }))?.personaField).toBe('nationalIds.SE');
  });
});
