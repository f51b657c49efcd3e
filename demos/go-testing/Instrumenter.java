import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Instruction;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LineNumber;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts a call to {@link Coverage#hit} at the start of every basic block of a class as it is loaded,
 * with the JDK's ClassFile API ({@code java.lang.classfile}): at each method's entry, at each label a
 * jump can land on, and after each conditional jump (the fall-through). This is what Go's compiler
 * does with {@code -cover} and when fuzzing, done here to bytecode at load time instead of to source.
 */
final class Instrumenter {
    private static final ClassDesc COVERAGE = ClassDesc.of("Coverage");
    private static final MethodTypeDesc HIT = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int);

    /** Source line of each block id (index 0 is "outside the target"). */
    final List<Integer> blockLines = new ArrayList<>(List.of(0));

    /** The class file of a class the parent loader can see, as it is on disk (or in the jar, or in memory). */
    static byte[] originalBytes(Class<?> c) throws IOException {
        try (InputStream in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            if (in == null) throw new IOException("no class file for " + c.getName());
            return in.readAllBytes();
        }
    }

    byte[] instrument(byte[] original, ClassLoader parent) {
        // stack maps are recomputed for the new code; the resolver finds the target's own classes
        // (BadRecord) through the loader that compiled them, the JDK's through the default resolver
        var classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofClassLoading(parent))));
        return classFile.transformClass(classFile.parse(original),
                ClassTransform.transformingMethodBodies(new BlockProbes()));
    }

    private int newBlock(int line) {
        if (blockLines.size() >= Coverage.MAX_BLOCKS) throw new IllegalStateException("too many blocks for the edge map");
        blockLines.add(line);
        return blockLines.size() - 1;
    }

    /** One per method body (the API calls atStart per method when the transform is not shared state). */
    private final class BlockProbes implements CodeTransform {
        private int line;
        private int pending = -1; // a block whose first line is not known yet

        @Override
        public void atStart(CodeBuilder b) {
            line = 0;
            probe(b);
        }

        @Override
        public void accept(CodeBuilder b, CodeElement e) {
            switch (e) {
                case LabelTarget t -> {
                    b.with(t);
                    probe(b);
                }
                case LineNumber n -> {
                    line = n.line();
                    if (pending >= 0 && blockLines.get(pending) == 0) blockLines.set(pending, line);
                    b.with(n);
                }
                case BranchInstruction br when br.opcode() != Opcode.GOTO && br.opcode() != Opcode.GOTO_W -> {
                    settle();
                    b.with(br);
                    probe(b); // the fall-through block
                }
                case Instruction i -> {
                    settle();
                    b.with(i);
                }
                default -> b.with(e);
            }
        }

        private void probe(CodeBuilder b) {
            settle();
            pending = newBlock(0);
            b.loadConstant(pending);
            b.invokestatic(COVERAGE, "hit", HIT);
        }

        /** The block's first instruction comes before any new line number: it is on the current line. */
        private void settle() {
            if (pending >= 0 && blockLines.get(pending) == 0) blockLines.set(pending, line);
            pending = -1;
        }
    }

    /** Loads one class from the given bytes and delegates every other name to its parent. */
    static final class TargetLoader extends ClassLoader {
        private final String name;
        private final byte[] bytes;

        TargetLoader(ClassLoader parent, String name, byte[] bytes) {
            super("fuzz-target", parent);
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
            if (!n.equals(name)) return super.loadClass(n, resolve);
            synchronized (getClassLoadingLock(n)) {
                Class<?> c = findLoadedClass(n);
                if (c == null) c = defineClass(n, bytes, 0, bytes.length);
                if (resolve) resolveClass(c);
                return c;
            }
        }
    }
}
