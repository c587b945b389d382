import {
  ArgumentsHost,
  BadRequestException,
  Body,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  Header,
  Injectable,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import type { Response } from 'express';
import { SignedInStaff } from '../accounts/accounts.service';
import { allows } from '../accounts/permissions';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { ImportMembersDto } from '../members/dto/member.dto';
import { ImportReport, MembersService } from '../members/members.service';
import { Clock } from '../platform/clock';
import { csvFile } from '../platform/http/csv-file';
import { DomainError } from '../platform/http/domain-error';
import { textProblem } from '../platform/http/input-guard';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { amsterdamDate, isCalendarDate } from '../platform/text/amsterdam-time';
import { formatDateNl, formatIntegerNl } from '../platform/text/dutch-format';
import { formFields } from '../platform/http/form-fields';
import { FieldMessage, formErrors, messagesAt, textField } from './page-form';
import { columnNl, importRefusalMessages, REGISTER_FILE_LIMIT_BYTES, refusedLineNl, uploadProblem, uploadText } from './register-import';

const PAGE_SIZE = 50;

const IMPORT_FIELDS: Record<string, string> = {
  referenceDate: 'Vul de peildatum van de inwonertallen in als een bestaande datum, bijvoorbeeld 2024-01-01.',
  source: 'Vul de bron van de inwonertallen in (hoogstens 200 tekens), bijvoorbeeld "CBS StatLine 37230ned, 1 januari 2024".',
};

/** The file as multer hands it over (memory storage). */
interface UploadedCsv {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

interface ImportForm {
  referenceDate: string;
  source: string;
  dryRun: boolean;
}

/** Lower case without accents, so "fryslan" finds Súdwest-Fryslân. */
const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** `?pagina=` as a page number; anything else is the first page. */
const pageNumber = (value: unknown) => (typeof value === 'string' && /^\d{1,6}$/.test(value) && Number(value) > 0 ? Number(value) : 1);

/** The import form with what was typed and the messages at its fields (the file itself cannot be kept). */
@Injectable()
export class RegisterImportForm {
  constructor(
    private readonly renderer: PageRenderer,
    private readonly clock: Clock,
  ) {}

  blank(): ImportForm {
    return { referenceDate: amsterdamDate(this.clock.now()), source: '', dryRun: false };
  }

  render(form: ImportForm, errors: FieldMessage[]): string {
    const atFile = errors.filter((e) => e.field === 'file');
    return this.renderer.render('bureau-register-import', {
      title: 'Ledenregister importeren',
      signedIn: true,
      form,
      errors,
      limit: `${REGISTER_FILE_LIMIT_BYTES / 1_000_000} MB`,
      ...messagesAt(errors, ['referenceDate', 'source', 'file']),
      // Every refused line is in the summary at the top; the field says how many.
      ...(atFile.length > 1
        ? { fileError: `Het bestand is niet ingelezen: ${atFile.length} fouten, zie de lijst bovenaan. Verbeter het bestand en kies het opnieuw.` }
        : {}),
    });
  }
}

/**
 * A file refused while it is received (larger than the limit, or a multipart request multer cannot
 * take): the form again with the reason at the file field, instead of a bare error page.
 */
@Catch(PayloadTooLargeException, BadRequestException)
@Injectable()
export class RegisterUploadRefused implements ExceptionFilter {
  constructor(private readonly form: RegisterImportForm) {}

  catch(exception: PayloadTooLargeException | BadRequestException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const tooLarge = exception instanceof PayloadTooLargeException;
    const message = tooLarge
      ? `Het bestand is groter dan ${REGISTER_FILE_LIMIT_BYTES / 1_000_000} MB. Het ledenregister als CSV is ongeveer 40 kB: kies het juiste bestand.`
      : 'Het formulier kwam niet goed aan. Kies één CSV-bestand en verstuur het formulier opnieuw.';
    response
      .status(tooLarge ? 413 : 400)
      .type('html')
      .send(this.form.render(this.form.blank(), [{ field: 'file', message }]));
  }
}

/**
 * The bureau's register pages (*ledenregister*): the members on a reference date with their
 * inhabitants, searchable and paged; one member's history; the import of a CSV file (whole or not at
 * all, as the API's import) with its report; and the register as CSV.
 */
@ApiExcludeController()
@Controller('bestuur/leden')
export class RegisterPages {
  constructor(
    private readonly members: MembersService,
    private readonly renderer: PageRenderer,
    private readonly importForm: RegisterImportForm,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Can('members.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async list(@Query() query: Record<string, unknown>, @CurrentStaff() staff: SignedInStaff, @Res({ passthrough: true }) response: Response) {
    const today = amsterdamDate(this.clock.now());
    const typedDate = typeof query.peildatum === 'string' ? query.peildatum.trim() : '';
    const search = typeof query.zoek === 'string' ? query.zoek.trim().slice(0, 100) : '';
    const base = { title: 'Ledenregister', signedIn: true, canImport: allows(staff.role, 'members.write'), search, today };
    if (typedDate !== '' && !isCalendarDate(typedDate)) {
      response.status(400);
      const errors = [{ field: 'peildatum', message: 'Vul de peildatum in als een bestaande datum, bijvoorbeeld 2024-01-01.' }];
      return this.renderer.render('bureau-register', { ...base, on: typedDate, onNl: null, errors, peildatumError: errors[0].message, list: null });
    }
    const on = typedDate || today;
    const all = await this.members.listOn(on);
    const wanted = folded(search);
    const found = wanted ? all.filter((m) => folded(m.name).includes(wanted) || m.cbsCode.toLowerCase().includes(wanted)) : all;
    const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
    const page = Math.min(pageNumber(query.pagina), pages);
    const link = (p: number) => `/bestuur/leden?${new URLSearchParams({ peildatum: on, ...(search ? { zoek: search } : {}), pagina: String(p) }).toString()}`;
    return this.renderer.render('bureau-register', {
      ...base,
      on,
      onNl: formatDateNl(on),
      errors: [],
      peildatumError: null,
      list: {
        count: all.length,
        countNl: formatIntegerNl(all.length),
        inhabitantsNl: formatIntegerNl(all.reduce((sum, m) => sum + (m.inhabitants ?? 0), 0)),
        withoutCount: all.filter((m) => m.inhabitants === null).length,
        found: found.length,
        filtered: wanted !== '',
        members: found.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((m) => ({
          ...m,
          inhabitantsNl: m.inhabitants === null ? null : formatIntegerNl(m.inhabitants),
        })),
        page,
        pages,
        previous: page > 1 ? link(page - 1) : null,
        next: page < pages ? link(page + 1) : null,
        exportLink: `/bestuur/leden/export.csv?peildatum=${on}`,
      },
    });
  }

  /** The register on a date as CSV (the API's export, for signed-in staff in the browser). */
  @Get('export.csv')
  @Can('members.read')
  async export(@Query('peildatum') asked: unknown): Promise<StreamableFile> {
    const on = typeof asked === 'string' && asked !== '' ? asked : amsterdamDate(this.clock.now());
    if (!isCalendarDate(on)) throw DomainError.invalid('peildatum', 'must be a date YYYY-MM-DD that exists in the calendar');
    return csvFile(await this.members.exportCsv(on), `leden-${on}.csv`);
  }

  @Get('importeren')
  @Can('members.write')
  @Header('Content-Type', 'text/html; charset=utf-8')
  importPage() {
    return this.importForm.render(this.importForm.blank(), []);
  }

  /**
   * Imports the uploaded file exactly as the API does: whole or not at all. The report is the answer
   * to the post itself (200), not a redirect: it lists every line of this one upload, which is kept
   * nowhere else (the audit trail keeps the counts).
   */
  @Post('importeren')
  @Can('members.write')
  @UseInterceptors(FileInterceptor('bestand', { limits: { fileSize: REGISTER_FILE_LIMIT_BYTES, files: 1, fields: 10, fieldSize: 10_000, parts: 12 } }))
  @UseFilters(RegisterUploadRefused)
  async import(@UploadedFile() file: UploadedCsv | undefined, @Body() posted: unknown, @CurrentStaff() staff: SignedInStaff, @Res() response: Response) {
    const body = formFields(posted ?? {});
    const form: ImportForm = { referenceDate: textField(body, 'referenceDate'), source: textField(body, 'source'), dryRun: textField(body, 'dryRun') === 'ja' };
    const dto = plainToInstance(ImportMembersDto, { referenceDate: form.referenceDate, source: form.source, csv: 'x', dryRun: form.dryRun });
    const errors = formErrors(dto, IMPORT_FIELDS);
    const sourceProblem = textProblem(form.source);
    if (sourceProblem && !errors.some((e) => e.field === 'source')) errors.push({ field: 'source', message: IMPORT_FIELDS.source });
    const problem = uploadProblem(file);
    if (problem) errors.push({ field: 'file', message: problem.message });
    if (errors.length || !file) {
      response
        .status(problem?.status ?? 400)
        .type('html')
        .send(this.importForm.render(form, errors));
      return;
    }
    dto.csv = uploadText(file.buffer);
    let report: ImportReport;
    try {
      report = await this.members.import(dto, staffActor(staff));
    } catch (error) {
      if (!(error instanceof DomainError) || !['IMPORT_REFUSED', 'INVALID_INPUT'].includes(error.code)) throw error;
      response
        .status(error.code === 'IMPORT_REFUSED' ? 422 : 400)
        .type('html')
        .send(this.importForm.render(form, importRefusalMessages(error, 'file')));
      return;
    }
    response
      .status(200)
      .type('html')
      .send(
        this.renderer.render('bureau-register-report', {
          title: report.dryRun ? 'Proefimport ledenregister' : 'Ledenregister ingelezen',
          signedIn: true,
          report,
          fileName: file.originalname,
          source: form.source,
          referenceDateNl: formatDateNl(report.referenceDate),
          newMembers: report.added.filter((a) => a.newMember).length,
          newCounts: report.added.filter((a) => !a.newMember).length,
          added: report.added.map((a) => ({ ...a, inhabitantsNl: formatIntegerNl(a.inhabitants) })),
          changed: report.changed.map((c) => ({
            ...c,
            changes: Object.entries(c.changes).map(([field, change]) => ({
              field: columnNl(field),
              from: typeof change.from === 'number' ? formatIntegerNl(change.from) : String(change.from),
              to: typeof change.to === 'number' ? formatIntegerNl(change.to) : String(change.to),
            })),
          })),
          refused: report.refused.map(refusedLineNl),
          registerLink: `/bestuur/leden?peildatum=${report.referenceDate}`,
        }),
      );
  }

  @Get(':id')
  @Can('members.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async member(@Param('id', new UuidPipe('id')) id: string) {
    const member = await this.members.get(id);
    const mergedInto = member.mergedIntoId ? await this.members.get(member.mergedIntoId) : null;
    const history = [...member.inhabitants].reverse();
    return this.renderer.render('bureau-member', {
      title: `${member.name} (${member.cbsCode})`,
      signedIn: true,
      member,
      mergedInto,
      history: history.map((h, i) => {
        const before = history[i + 1];
        const change = before ? h.inhabitants - before.inhabitants : null;
        return {
          ...h,
          inhabitantsNl: formatIntegerNl(h.inhabitants),
          changeNl: change === null ? null : `${change > 0 ? '+' : change < 0 ? '−' : '±'}${formatIntegerNl(Math.abs(change))}`,
        };
      }),
    });
  }
}
